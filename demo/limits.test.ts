import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from './server.ts';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, rows: 2000, requestTimeoutMs: 1000 });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

/** Sends raw bytes and resolves with what the server sent back once it closes the connection. */
function raw(bytes: string, giveUpMs: number): Promise<{ answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(demo.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, giveUpMs);
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

test('a body shorter than its Content-Length does not hold the connection: 408 and close', async () => {
  const r = await raw(
    'POST /tap/async HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nLANG=ADQL',
    8000,
  );
  expect(r.closed).toBe(true);
  expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
  expect(demo.jobs.jobs.size).toBe(0);
});

test('headers that never end do not hold the connection either', async () => {
  const r = await raw('GET /tap/availability HTTP/1.1\r\nHost: 127.0.0.1\r\n', 8000);
  expect(r.closed).toBe(true);
});

test('the request timeout does not cut answers that take longer than it', async () => {
  const body = new URLSearchParams({ LANG: 'ADQL', QUERY: 'SELECT TOP 1 demo_sleep(2.5) AS s FROM demo.stars', FORMAT: 'csv' });
  const r = await fetch(`${demo.url}/sync`, { method: 'POST', body });
  expect(r.status).toBe(200);
  expect(await r.text()).toBe('s\r\n2.5\r\n');
});

test('UPLOAD by URL does not reach loopback services: 400, nothing fetched, no port or body in the error', async () => {
  let hits = 0;
  const internal = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'text/csv' });
    res.end('secret\ntop-secret-value\n');
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  const port = (internal.address() as AddressInfo).port;
  try {
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
      const upload = `t,http://${host}:${port}/table.csv`;
      const sync = await fetch(`${demo.url}/sync`, {
        method: 'POST',
        body: new URLSearchParams({ LANG: 'ADQL', QUERY: 'SELECT * FROM TAP_UPLOAD.t', UPLOAD: upload, FORMAT: 'csv' }),
      });
      const text = await sync.text();
      expect(sync.status).toBe(400);
      expect(text).toContain('does not read uploads from loopback, private');
      expect(text).not.toContain(String(port));
      expect(text).not.toContain('top-secret-value');
      const create = await fetch(`${demo.url}/async`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ LANG: 'ADQL', QUERY: 'SELECT * FROM TAP_UPLOAD.t', UPLOAD: upload }),
      });
      expect(create.status).toBe(400);
    }
    expect(hits).toBe(0);
  } finally {
    await new Promise<void>((r) => internal.close(() => r()));
  }
});
