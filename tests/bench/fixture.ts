import Database from 'better-sqlite3';
import { $createTextNode, $getRoot, $isElementNode, $isTextNode } from 'lexical';
import { join } from 'node:path';
import { silentLogger } from '../../electron/storage/logger';
import { createServices, DATABASE_FILE } from '../../electron/services/services';
import { $createBlockNode } from '../../shared/declaration/nodes/BlockNode';
import { openHeadlessDeclaration } from '../../shared/declaration/headlessDeclaration';
import { amendment, paragraphText, seededRandom, wordCount } from './corpus';

const BENCH_TITLE = 'Bench declaration';

export interface DeclarationFixture {
  dataDir: string;
  file: string;
  meetingId: string;
  docId: string;
  title: string;
  paragraphs: number;
  /** The last paragraph as it reads after all edits: what the window must end up showing. */
  lastParagraph: string;
  /** The stored update blobs, in log order. */
  updates: Uint8Array[];
  bytes: number;
}

/**
 * Writes a declaration through the same services and headless Lexical binding the app uses, so
 * the stored log has exactly the shape a window reads: the seeding updates, then the rows each
 * `update()` call writes (a new paragraph is two: the paragraph, then its words) — paragraphs
 * typed in order, with `edits` amendments to earlier ones in between.
 */
export async function buildDeclaration(dataDir: string, paragraphs: number, edits: number): Promise<DeclarationFixture> {

  const services = createServices({ dataDir, version: 'bench', log: silentLogger });
  if (!services.replicas) throw new Error(`Accord could not open its store: ${JSON.stringify(services.handlers['app.status']({}))}`);
  let meetingId: string;
  let docId: string;
  let lastParagraph: string;
  try {
    const meeting = await services.handlers['meetings.create']({
      title: 'Annual Meeting of Mayors',
      place: 'National Convention Center',
      hostCity: 'Hanoi',
      startDate: '2022-12-02',
      endDate: '2022-12-02',
    });
    meetingId = meeting.id;
    ({ id: docId } = await services.handlers['documents.create']({ meetingId, title: BENCH_TITLE }));

    // The first call must write a paragraph; the rest are shuffled so amendments land mid-history.
    const random = seededRandom(2022);
    const rest: Array<'write' | 'edit'> = [
      ...Array<'write'>(paragraphs - 1).fill('write'),
      ...Array<'edit'>(edits).fill('edit'),
    ];
    for (let i = rest.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    const ops = ['write' as const, ...rest];

    const replica = services.replicas.acquire(docId);
    const session = openHeadlessDeclaration(replica.doc);
    try {
      let written = 0;
      let amended = 0;
      for (const op of ops) {
        session.update(() => {
          const root = $getRoot();
          if (op === 'write') {
            written += 1;
            const text = $createTextNode(paragraphText(written));
            // The seed's empty paragraph is where a writer would start typing.
            const seed = root.getFirstChild();
            if (written === 1 && $isElementNode(seed) && seed.getTextContentSize() === 0) seed.append(text);
            else root.append($createBlockNode('paragraph').append(text));
          } else {
            const target = root.getChildAtIndex(Math.floor(random() * written));
            const node = $isElementNode(target) ? target.getFirstChild() : null;
            if (!$isTextNode(node)) throw new Error('expected a text node to amend');
            const current = node.getTextContent();
            // Before the clause's closing punctuation, as a drafter would insert it.
            node.setTextContent(`${current.slice(0, -1)}, ${amendment(amended)}${current.slice(-1)}`);
            amended += 1;
          }
        });
      }
      const state = session.editor.getEditorState().read(() => {
        const children = $getRoot().getChildren();
        return { count: children.length, last: children.at(-1)?.getTextContent() ?? '' };
      });
      if (state.count !== paragraphs) throw new Error(`wrote ${state.count} paragraphs, expected ${paragraphs}`);
      lastParagraph = state.last;
      if (!lastParagraph.startsWith(`${paragraphs}. `) || wordCount(lastParagraph) < 30) {
        throw new Error(`unexpected last paragraph: ${lastParagraph}`);
      }
      if (replica.persistenceError) throw replica.persistenceError;
    } finally {
      session.dispose();
      services.replicas.release(replica);
    }
  } finally {
    services.close();
  }

  const file = join(dataDir, DATABASE_FILE);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let updates: Uint8Array[];
  try {
    const { count } = db.prepare('SELECT COUNT(*) AS count FROM updates WHERE doc_id = ?').get(docId) as { count: number };
    if (count < 1 + paragraphs + edits) throw new Error(`the log holds ${count} updates for the declaration, fewer than the ${paragraphs + edits} edits made`);
    updates = (db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq').all(docId) as Array<{ data: Buffer }>).map(
      (row) => new Uint8Array(row.data),
    );
  } finally {
    db.close();
  }
  const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
  return { dataDir, file, meetingId, docId, title: BENCH_TITLE, paragraphs, lastParagraph, updates, bytes };
}
