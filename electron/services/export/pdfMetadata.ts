import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  /** BCP 47 tag, written as the catalog's /Lang. */
  language: string;
  keywords?: string[];
  creator?: string;
  producer?: string;
  /** When the text was exported (or the version saved). */
  date?: Date;
  /** The document's headings, to name the outline entries Chromium made from them. */
  headings?: ReadonlyArray<string>;
}

/**
 * Writes the document information (Title, Author, Subject, Creator, Producer, dates) and the
 * catalog's /Lang into a PDF Chromium printed, and has viewers show the title rather than the
 * file name. pdf-lib rewrites the file from every object it parsed, so Chromium's outline and
 * structure tree (tagged PDF) are kept; tests check both with qpdf and pdfinfo.
 */
export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator ?? 'Accord');
  doc.setProducer(meta.producer ?? 'Accord (Chromium, pdf-lib)');
  const date = meta.date ?? new Date();
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  if (meta.headings?.length) renameOutline(doc, meta.headings);
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}

const compact = (text: string) => text.replace(/\s+/g, '');

/**
 * Chromium names an outline entry after its heading's text with wrapped lines run together
 * ("Sustainable­Cities"); each entry that is a heading without its spaces gets the heading back.
 */
function renameOutline(doc: PDFDocument, headings: ReadonlyArray<string>): void {
  const byCompact = new Map(headings.map((heading) => [compact(heading), heading.replace(/\s+/g, ' ').trim()]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const seen = new Set<PDFDict>();
  const visit = (item: PDFDict | undefined) => {
    for (let node = item; node && !seen.has(node); node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(node);
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const heading = byCompact.get(compact(title.decodeText()));
        if (heading !== undefined && heading !== title.decodeText()) node.set(PDFName.of('Title'), PDFHexString.fromText(heading));
      }
      visit(node.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}
