import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** pdf.js is large: it is loaded the first time a preview is shown, never with the app. */
async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * The actual pages of an exported PDF, drawn by pdf.js: what the printer will get, page breaks,
 * header, footer and fonts included. Pages render one after another so the first shows at once.
 */
export function PdfPreview({ bytes, onError }: { bytes: Uint8Array; onError(message: string): void }) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const container = holder.current;
    if (!container) return;
    container.replaceChildren();
    void (async () => {
      try {
        const pdfjs = await loadPdfJs();
        // A copy: pdf.js transfers the buffer to its worker.
        const pdf = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
        if (cancelled) return;
        setPages(pdf.numPages);
        for (let number = 1; number <= pdf.numPages && !cancelled; number += 1) {
          const page = await pdf.getPage(number);
          const viewport = page.getViewport({ scale: 1.25 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          canvas.className = 'pdf-preview__page';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('export.pageOf', { page: number, pages: pdf.numPages }));
          container.append(canvas);
          await page.render({ canvas, viewport }).promise;
        }
        await pdf.destroy();
      } catch (error) {
        if (!cancelled) onError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [bytes, onError, t]);

  return (
    <div className="pdf-preview" aria-label={t('export.preview', { count: pages })} role="group">
      <div ref={holder} className="pdf-preview__pages" />
    </div>
  );
}
