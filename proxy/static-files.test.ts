import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static-files.ts';

/** A raw GET: fetch would decompress the body and hide Content-Encoding's effect on length. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('serving the built app', () => {
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, name: "star ${i}" }`).join(', ')}];\n`;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'static-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><title>app</title>${'<!-- padding -->'.repeat(200)}`);
    writeFileSync(join(dist, 'assets', 'index-B65QTR38.js'), script);
    writeFileSync(join(dist, 'assets', 'logo-Dk3_x-9a.png'), Buffer.alloc(4096, 7));
    writeFileSync(join(dist, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`);
    const handler = createStaticHandler({ dist, headers: { 'x-content-type-options': 'nosniff' } });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Before the brotli copy exists, a browser gets gzip rather than a wait.
    firstAnswer = await get(`${origin}/assets/index-B65QTR38.js`, { 'accept-encoding': 'gzip, deflate, br' });
    await handler.warm();
  });
  let firstAnswer: Awaited<ReturnType<typeof get>>;

  it('answers at once with gzip while the brotli copy is still being made', () => {
    expect(firstAnswer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(firstAnswer.body).toString()).toBe(script);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends scripts brotli-compressed to browsers that take brotli, and says it varies by Accept-Encoding', async () => {
    const res = await get(`${origin}/assets/index-B65QTR38.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip to clients without brotli, and plain bytes to clients without either', async () => {
    const gz = await get(`${origin}/assets/index-B65QTR38.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(`${origin}/assets/index-B65QTR38.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers.vary).toBe('Accept-Encoding');
  });

  it('caches hashed assets for a year as immutable, and makes index.html and unhashed files revalidate', async () => {
    expect((await get(`${origin}/assets/index-B65QTR38.js`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(`${origin}/assets/logo-Dk3_x-9a.png`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(`${origin}/`)).headers['cache-control']).toBe('no-cache');
    expect((await get(`${origin}/jobs?service=x`)).headers['cache-control']).toBe('no-cache');
    expect((await get(`${origin}/favicon.svg`)).headers['cache-control']).toBe('no-cache');
  });

  it('compresses index.html too, and leaves already compressed images alone', async () => {
    expect((await get(`${origin}/`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    const png = await get(`${origin}/assets/logo-Dk3_x-9a.png`, { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it('answers a revalidation of an unchanged file with 304, per encoding', async () => {
    const first = await get(`${origin}/`, { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await get(`${origin}/`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherEncoding = await get(`${origin}/`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(otherEncoding.status).toBe(200);
  });
});
