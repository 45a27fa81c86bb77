import type { IncomingMessage, ServerResponse } from 'node:http';

/** The invitation code, from the Authorization header only: a URL is what proxies log. */
export function codeFrom(req: IncomingMessage): string {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

/** A JSON answer of the hub's HTTP API, never cached: it is about codes. */
export function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}
