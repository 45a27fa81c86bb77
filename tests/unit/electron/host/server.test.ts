import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type RunningHost } from '../../../../electron/host/server';
import { createServices, type Services } from '../../../../electron/services/services';
import { decodeServerFrame, encodeClientFrame } from '../../../../shared/api/wire';
import { recordingLogger, useTempDirs } from '../../helpers';

const SECRET = 'test-secret-0123456789';
const NAME = 'accord-0123456789ab.localhost';

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `${NAME}:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, headers: Record<string, string>) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { host: `${NAME}:${port}`, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('the browser host', () => {
  const tempDir = useTempDirs();
  let host: RunningHost;
  let services: Services;
  afterEach(async () => {
    await host?.close();
    services?.close();
  });

  async function start() {
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Accord</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    services = createServices({ dataDir: join(dir, 'data'), version: 'test', log: recordingLogger() });
    host = await startHost({ services, rendererDir, log: recordingLogger(), secret: SECRET, hostName: NAME });
    return host.port;
  }

  it('listens on 127.0.0.1 at a random port and prints an address with the secret, under a host name of its own', async () => {
    const port = await start();
    expect(port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://${NAME}:${port}/?token=${SECRET}`);
    // Its session cookie is this name's alone: other servers on 127.0.0.1 never receive it.
    const redirect = await get(port, `/?token=${SECRET}`);
    expect(String(redirect.headers['set-cookie'])).not.toMatch(/Domain=/i);
    expect((await get(port, `/?token=${SECRET}`, { host: `127.0.0.1:${port}` })).status).toBe(421);
    const other = await startHost({ services, rendererDir: join(tempDir(), 'r'), log: recordingLogger() });
    try {
      expect(new URL(other.url).hostname).toMatch(/^accord-[0-9a-f]{12}\.localhost$/);
      expect(new URL(other.url).hostname).not.toBe(NAME);
    } finally {
      await other.close();
    }
  });

  it('refuses pages to a browser without the secret', async () => {
    const port = await start();
    expect((await get(port, '/')).status).toBe(403);
    expect((await get(port, '/assets/app.js')).status).toBe(403);
    expect((await get(port, '/?token=wrong')).status).toBe(403);
    expect((await get(port, '/', { cookie: `accord_session=wrong` })).status).toBe(403);
  });

  it('trades the secret for an HttpOnly cookie and then serves the app with its CSP', async () => {
    const port = await start();
    const first = await get(port, `/?token=${SECRET}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/accord_session=.*HttpOnly.*SameSite=Lax/);
    const page = await get(port, '/', { cookie: `accord_session=${SECRET}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Accord</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(port, '/assets/missing.js', { cookie: `accord_session=${SECRET}` })).status).toBe(404);
    expect((await get(port, '/..%2f..%2fetc%2fpasswd.txt', { cookie: `accord_session=${SECRET}` })).status).toBe(404);
  });

  it('answers a request target it cannot parse without falling over', async () => {
    const port = await start();
    const { Socket } = await import('node:net');
    const send = (lines: string) =>
      new Promise<string>((resolve) => {
        const socket = new Socket();
        let reply = '';
        socket.connect(port, '127.0.0.1', () => socket.write(lines));
        socket.on('data', (d) => (reply += d.toString()));
        socket.on('close', () => resolve(reply));
        socket.on('error', () => resolve(reply));
      });
    await send(`GET http://a:99999/api HTTP/1.1\r\nHost: ${NAME}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    await send(`GET http://a:99999/ HTTP/1.1\r\nHost: ${NAME}:${port}\r\nConnection: close\r\n\r\n`);
    expect((await get(port, '/', { cookie: `accord_session=${SECRET}` })).status).toBe(200);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const port = await start();
    expect((await get(port, `/?token=${SECRET}`, { host: `evil.example:${port}` })).status).toBe(421);
  });

  it('opens the API socket only for its own origin with the session cookie', async () => {
    const port = await start();
    const good = { origin: `http://${NAME}:${port}`, cookie: `accord_session=${SECRET}` };
    await expect(openSocket(port, { ...good, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket(port, { origin: good.origin })).rejects.toThrow(/403/);
    const ws = await openSocket(port, good);
    const answer = new Promise<unknown>((resolve) =>
      ws.once('message', (data, isBinary) => resolve(decodeServerFrame(isBinary ? new Uint8Array(data as Buffer) : String(data)))),
    );
    ws.send(encodeClientFrame({ t: 'call', id: 1, method: 'meetings.list', params: {} }));
    expect(await answer).toEqual({ t: 'result', id: 1, ok: true, value: [] });
    ws.close();
  });

  it('closes only the connection that sends a malformed frame', async () => {
    const port = await start();
    const headers = { origin: `http://${NAME}:${port}`, cookie: `accord_session=${SECRET}` };
    const bad = await openSocket(port, headers);
    const good = await openSocket(port, headers);
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send('{"t":"call",');
    expect(await closed).toBe(1007);
    const answer = new Promise<unknown>((resolve) => good.once('message', (data) => resolve(decodeServerFrame(String(data)))));
    good.send(encodeClientFrame({ t: 'call', id: 2, method: 'meetings.list', params: {} }));
    expect(await answer).toMatchObject({ id: 2, ok: true });
    good.close();
  });
});
