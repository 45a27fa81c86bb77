import type { ApiHandlers } from '../../../shared/api/contract';
import type { Exporter } from './exporter';

/** The export API over the Exporter: bytes cross the contract base64-encoded. */
export function createExportHandlers(exporter: Exporter): Pick<ApiHandlers, 'export.declaration' | 'export.unagreedText' | 'export.comparison' | 'export.agenda'> {
  const encode = (file: { fileName: string; mime: string; bytes: Uint8Array; pages: number | null }) => ({
    fileName: file.fileName,
    mime: file.mime,
    base64: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64'),
    pages: file.pages,
  });
  return {
    'export.declaration': async (params) => encode(await exporter.render(params)),
    'export.unagreedText': ({ documentId, versionId }) => ({ parts: exporter.unagreedText(documentId, versionId) }),
    'export.comparison': async (params) => encode(await exporter.renderComparison(params)),
    'export.agenda': async (params) => encode(await exporter.renderAgenda(params)),
  };
}
