import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { lookUpInvitation } from '../../../../electron/sync/invitationLookup';
import { readLimitedText } from '../../../../electron/sync/limitedBody';

/** A "hub" that answers with chunk after chunk and no Content-Length, until the client goes away. */
async function endlessHub(): Promise<{ server: Server; url: string; sent: () => number; closed: Promise<void> }> {
  let sent = 0;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"meetingId": "');
    const chunk = 'x'.repeat(64 * 1024);
    const pump = () => {
      while (res.write(chunk)) {
        sent += chunk.length;
        if (sent > 200 * 1024 * 1024) return res.end();
      }
      res.once('drain', pump);
    };
    res.on('close', markClosed);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, sent: () => sent, closed };
}

describe('answers from a hub, read with a limit', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stops reading a body that never ends once it passes the limit, and ends the connection', async () => {
    const hub = await endlessHub();
    servers.push(hub.server);
    const text = await readLimitedText(await fetch(`${hub.url}/v1/invitation`), 256 * 1024);
    expect(text).toBeUndefined();
    await hub.closed;
    expect(hub.sent()).toBeLessThan(50 * 1024 * 1024);
  });

  it('reads a body within the limit whole, with or without its length', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/chunked') {
        res.write('{"a":');
        res.end('1}');
      } else res.end('{"a":1}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await readLimitedText(await fetch(`http://127.0.0.1:${port}/chunked`), 100)).toBe('{"a":1}');
    expect(await readLimitedText(await fetch(`http://127.0.0.1:${port}/plain`), 100)).toBe('{"a":1}');
    expect(await readLimitedText(await fetch(`http://127.0.0.1:${port}/plain`), 3)).toBeUndefined();
  });

  it('says a hub that answers a code with an endless body sent an answer Accord does not understand', async () => {
    const hub = await endlessHub();
    servers.push(hub.server);
    await expect(lookUpInvitation(fetch, hub.url.replace('http', 'ws'), 'K7QP-2M9X-4TWA-HC3R')).rejects.toThrow('does not understand');
    expect(hub.sent()).toBeLessThan(50 * 1024 * 1024);
  });
});
