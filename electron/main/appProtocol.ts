import { protocol } from 'electron';
import { securityHeaders } from '../security/contentSecurityPolicy';
import { readRendererFile } from '../security/staticFiles';
import { APP_HOST, APP_SCHEME } from './windowOptions';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at app://accord/ with Accord's CSP, instead of file://. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders() });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': file.contentType },
    });
  });
}
