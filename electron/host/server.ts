import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_SYNC_MESSAGE_BYTES } from '../../shared/api/messages';
import { decodeClientFrame, encodeServerFrame } from '../../shared/api/wire';
import { createConnection } from '../api/connection';
import type { Logger } from '../storage/logger';
import type { Services } from '../services/services';
import { securityHeaders } from '../security/contentSecurityPolicy';
import { readRendererFile } from '../security/staticFiles';

const COOKIE = 'accord_session';
export const API_PATH = '/api';

export interface HostOptions {
  services: Services;
  rendererDir: string;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The per-launch secret; random unless a test needs to know it. */
  secret?: string;
  /** The per-launch host name (`accord-<random>.localhost`); random unless a test needs to know it. */
  hostName?: string;
}

export interface RunningHost {
  /** The address to open, with the secret: `http://accord-<random>.localhost:PORT/?token=…`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined | null, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * The browser host: serves the built renderer on 127.0.0.1 and carries the same API and sync
 * streams as Electron's IPC over one WebSocket per window. Only a browser that was given the
 * per-launch secret, on this origin, gets in.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { services, rendererDir, log } = options;
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  // Cookies are scoped by host name, not port: under 127.0.0.1 the secret would be sent to every
  // other local server the browser visits. A name of its own for each launch (browsers resolve
  // any *.localhost to this machine) keeps it to this host.
  const name = options.hostName ?? `accord-${randomBytes(6).toString('hex')}.localhost`;
  let port = 0;
  const origins = () => [`http://${name}:${port}`];
  const hostOk = (req: IncomingMessage) => req.headers.host === `${name}:${port}`;
  const cookie = () => COOKIE;
  const parseTarget = (req: IncomingMessage): URL | undefined => {
    try {
      return new URL(req.url ?? '/', `http://${name}:${port}`);
    } catch {
      return undefined;
    }
  };
  const pathOf = (req: IncomingMessage) => parseTarget(req)?.pathname;
  const headers = () => securityHeaders([`ws://${name}:${port}`]);

  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const server = createServer((req, res) => {
    void (async () => {
      // A page on another site can point a browser at 127.0.0.1 under its own name (DNS rebinding).
      if (!hostOk(req)) return deny(res, 421, 'Accord only answers on its own address.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
      const url = parseTarget(req);
      if (!url) return deny(res, 400, 'Bad request.');
      const token = url.searchParams.get('token');
      if (token !== null) {
        if (!sameSecret(token, secret)) return deny(res, 403, 'This Accord link is out of date. Use the address Accord printed when it started.');
        url.searchParams.delete('token');
        // The secret moves into a cookie the page's scripts cannot read, and out of the address bar.
        // Lax, not Strict: the app window arrives here from a local launcher file, a cross-site
        // navigation after which a Strict cookie would not be sent. Nothing reachable by a plain
        // navigation changes anything; the API socket checks its Origin as well as the cookie.
        res.writeHead(303, {
          ...headers(),
          'Set-Cookie': `${cookie()}=${secret}; HttpOnly; SameSite=Lax; Path=/`,
          Location: `${url.pathname}${url.search}${url.hash}`,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }
      if (!sameSecret(cookieValue(req, cookie()), secret)) {
        return deny(res, 403, 'Open Accord with the address it printed when it started (it ends in ?token=…).');
      }
      const file = await readRendererFile(rendererDir, url.pathname);
      if (!file) return deny(res, 404, 'Not found.');
      // Built assets carry a content hash in their name, so they can be cached (and their compiled
      // code reused) for good; index.html names the current ones and must never be stale.
      const cache = url.pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store';
      res.writeHead(200, { ...headers(), 'Content-Type': file.contentType, 'Cache-Control': cache });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      log.error('host.http', { error: String(error) });
      if (!res.headersSent) deny(res, 500, 'Accord could not serve this page.');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_MESSAGE_BYTES + 1024 });
  server.on('upgrade', (req, socket, head) => {
    const path = pathOf(req);
    const allowed =
      path !== undefined &&
      hostOk(req) &&
      path === API_PATH &&
      origins().includes(req.headers.origin ?? '') &&
      sameSecret(cookieValue(req, cookie()), secret);
    if (!allowed) {
      log.error('host.ws.refused', { origin: req.headers.origin ?? null, path: path ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const connection = createConnection(
      services,
      (msg) => {
        if (ws.readyState === ws.OPEN) ws.send(encodeServerFrame(msg));
      },
      log,
    );
    ws.on('message', (data, isBinary) => {
      try {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        const frame = isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8');
        connection.receive(decodeClientFrame(frame));
      } catch (error) {
        // Only the window that sent garbage loses its connection; everyone else carries on.
        log.error('host.ws.malformed', { error: String(error) });
        ws.close(1007, 'Malformed message');
      }
    });
    ws.on('close', () => connection.close());
    ws.on('error', (error) => log.error('host.ws', { error: String(error) }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${name}:${port}/?token=${secret}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
