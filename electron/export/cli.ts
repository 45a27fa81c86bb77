import { ExportLanguage } from '../../shared/i18n/exportCatalogue';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AccordError } from '../../shared/api/errors';
import type { ExportFormat, ExportMode, ExportPaper } from '../../shared/export/exportModel';
import { describeUnagreed, UnagreedChoice } from '../../shared/export/unagreedText';
import { ChromiumPdf } from '../services/export/chromiumPdf';
import { Exporter } from '../services/export/exporter';
import { silentLogger } from '../storage/logger';
import { Replicas } from '../storage/replicas';
import { DATABASE_FILE } from '../services/services';
import { AppStore } from '../storage/appStore';
import { Versions } from '../services/versions';

const USAGE = `Usage: npm run export -- --data DIR --doc ID_OR_TITLE --format pdf|docx|html|md --mode final|negotiation --out FILE
                         [--paper a4|letter] [--version LABEL_OR_ID] [--language en|vi|km]
                         [--unagreed include|omit]

Exports one declaration from an Accord data directory, without opening a window.
  --data DIR        the data directory (holding accord.sqlite)
  --doc ID_OR_TITLE the document's id, or its exact title (refused if two documents share it)
  --format          pdf, docx (Word), html or md (Markdown)
  --mode            final (the clean text) or negotiation (labels, brackets with proposers, status, DRAFT)
  --out FILE        where to write; written in full or not at all
  --paper           a4 (default) or letter
  --language        the language of the page furniture (header, page numbers, status marks):
                    en, vi or km; the app's language by default
  --version         a saved version's label or id, instead of the current text
  --unagreed        for a final text that is not all agreed (open brackets, paragraphs pending or
                    changed since agreed): include prints them as they stand, omit leaves them
                    out and renumbers the rest. Without it such an export is refused and each
                    part is named.`;

const FORMATS: ReadonlyArray<ExportFormat> = ['pdf', 'docx', 'html', 'md'];
const MODES: ReadonlyArray<ExportMode> = ['final', 'negotiation'];
const PAPERS: ReadonlyArray<ExportPaper> = ['a4', 'letter'];
const UNAGREED: ReadonlyArray<UnagreedChoice> = UnagreedChoice.options;

/** Bad usage: exit code 2, with the usage. */
class UsageError extends Error {}

const OPTIONS = {
  data: { type: 'string' },
  doc: { type: 'string' },
  format: { type: 'string' },
  mode: { type: 'string' },
  out: { type: 'string' },
  paper: { type: 'string' },
  version: { type: 'string' },
  language: { type: 'string' },
  unagreed: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Request {
  dataDir: string;
  doc: string;
  format: ExportFormat;
  mode: ExportMode;
  paper: ExportPaper;
  out: string;
  version: string | undefined;
  language: ExportLanguage | undefined;
  unagreed: UnagreedChoice | undefined;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: ReadonlyArray<T>): T {
  if (value === undefined) throw new UsageError(`--${name} is required (${allowed.join(' or ')}).`);
  if (!(allowed as ReadonlyArray<string>).includes(value)) throw new UsageError(`--${name} must be ${allowed.join(', ')}, not “${value}”.`);
  return value as T;
}

function parse(argv: string[]): Request | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (!values.data) throw new UsageError('--data DIR is required: the Accord data directory to export from.');
  if (!values.doc) throw new UsageError('--doc ID_OR_TITLE is required.');
  const format = oneOf('format', values.format, FORMATS);
  const mode = oneOf('mode', values.mode, MODES);
  const paper = values.paper === undefined ? 'a4' : oneOf('paper', values.paper, PAPERS);
  const language = values.language === undefined ? undefined : oneOf('language', values.language, ExportLanguage.options);
  const unagreed = values.unagreed === undefined ? undefined : oneOf('unagreed', values.unagreed, UNAGREED);
  if (unagreed && mode !== 'final') throw new UsageError('--unagreed is for --mode final: a negotiation draft prints every bracket and status as it is.');
  if (!values.out) throw new UsageError('--out FILE is required.');
  // `npm run` starts scripts in the package's folder; paths are meant from where the command was typed.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  return { dataDir: resolve(cwd, values.data), doc: values.doc, format, mode, paper, out: resolve(cwd, values.out), version: values.version, language, unagreed };
}

function describe(error: unknown): string {
  if (error instanceof AccordError || error instanceof Error) return error.message;
  return String(error);
}

/** Opens the output's temporary file first, so an unwritable --out is refused before any work. */
function openTemporary(out: string): { path: string; fd: number } {
  if (existsSync(out) && statSync(out).isDirectory()) throw new Error(`--out ${out} is a directory; give a file name.`);
  const path = `${out}.tmp-${process.pid}`;
  try {
    return { path, fd: openSync(path, 'wx', 0o644) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOTDIR'
        ? 'part of that path is a file, not a folder'
        : code === 'ENOENT' && !existsSync(dirname(out))
          ? 'its folder does not exist'
          : code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'that folder cannot be written to'
            : describe(error);
    throw new Error(`Cannot write ${out}: ${reason}.`, { cause: error });
  }
}

async function run(request: Request): Promise<string> {
  const file = join(request.dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`No Accord data in ${request.dataDir} (${DATABASE_FILE} not found).`);

  const temporary = openTemporary(request.out);
  let written = false;
  const removeTemporary = () => {
    if (written) return;
    try {
      closeSync(temporary.fd);
    } catch {
      // Closed already.
    }
    try {
      unlinkSync(temporary.path);
    } catch {
      // Gone already.
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    removeTemporary();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const pdf = new ChromiumPdf({ log: silentLogger });
  let store: AppStore | undefined;
  try {
    store = AppStore.open(file);
    const now = Date.now;
    // Reading only: no compaction, so the export leaves the database as it found it.
    const replicas = new Replicas({ store, now, log: silentLogger, compaction: { maxRows: Infinity, maxBytes: Infinity } });
    const versions = new Versions({ store, replicas, now, newId: () => crypto.randomUUID(), log: silentLogger });
    const exporter = new Exporter({ store, replicas, versions, pdf, now, log: silentLogger });
    const found = exporter.findDocument(request.doc);
    const versionId = request.version ? exporter.findVersion(found.documentId, request.version).id : undefined;
    if (request.mode === 'final' && !request.unagreed) {
      const parts = exporter.unagreedText(found.documentId, versionId);
      if (parts.length > 0) {
        throw new Error(
          `“${found.title}” is not all agreed: ${describeUnagreed(parts)}. Nothing was written. ` +
            'Add --unagreed include to print those parts as they stand, or --unagreed omit to leave them out.',
        );
      }
    }
    const result = await exporter.render({
      documentId: found.documentId,
      format: request.format,
      mode: request.mode,
      paper: request.paper,
      versionId,
      language: request.language,
      unagreed: request.unagreed,
    });
    let offset = 0;
    while (offset < result.bytes.byteLength) offset += writeSync(temporary.fd, result.bytes, offset);
    fsyncSync(temporary.fd);
    closeSync(temporary.fd);
    renameSync(temporary.path, request.out);
    written = true;
    const pages = result.pages === null ? '' : `, ${result.pages} page${result.pages === 1 ? '' : 's'}`;
    const left = request.unagreed === 'omit' ? ', unagreed parts left out' : request.unagreed === 'include' ? ', unagreed parts included' : '';
    return `Exported “${found.title}” (${request.mode}, ${request.format}${pages}${request.version ? `, version ${request.version}` : ''}${left}) to ${request.out}`;
  } finally {
    removeTemporary();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pdf.close();
    store?.close();
  }
}

async function main(): Promise<number> {
  let request: Request | 'help';
  try {
    request = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`accord-export: ${describe(error)}`);
    console.error(USAGE);
    return 2;
  }
  if (request === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    console.log(await run(request));
    return 0;
  } catch (error) {
    console.error(`accord-export: ${describe(error)}`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
