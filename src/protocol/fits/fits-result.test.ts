import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../http/fake-fetch';
import { hydrate } from '../votable/table-access';
import type { VoTableData } from '../votable/types';
import { loadResult } from '../votable/worker-load';
import type { LoadRequest } from '../votable/worker-protocol';
import { decodeFitsResult } from './decode-fits';
import { readFixture } from './testing/read-fixture';

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const SERVICE = 'http://tap.example/tap';
const request: LoadRequest = {
  type: 'load',
  url: `${SERVICE}/async/1/results/result`,
  serviceUrl: SERVICE,
  credential: { kind: 'none' },
  timeoutMs: 5000,
  firstRows: 1000,
  decode: true,
  maxBytes: null,
};

async function load(contentType: string, bytes: Uint8Array) {
  const service = fakeFetch(() => ({ headers: { 'content-type': contentType }, body: new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() }));
  return loadResult(request, { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: service.fetch });
}

describe('a FITS result loaded in the worker', () => {
  it('shows as a table, told by its MIME type or by its first card', async () => {
    const bytes = readFixture('dachs-stars.fits');
    for (const type of ['application/fits', 'image/fits', 'application/x-fits-bintable', 'application/octet-stream']) {
      const result = await load(type, bytes);
      expect(result.payload).toMatchObject({ kind: 'table', format: 'fits' });
      const table = hydrate((result.payload as { data: VoTableData }).data).tables[0]!;
      expect(table.rowCount).toBe(20);
      expect(table.cell(0, 1)).toBe('DEMO J024963');
      expect(await result.original.arrayBuffer()).toEqual(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
  });

  it('keeps what cannot be decoded as a download, with the reason', async () => {
    const bytes = readFixture('dachs-stars.fits');
    const result = await load('application/fits', bytes.subarray(0, 5760 + 100));
    expect(result.payload).toMatchObject({ kind: 'preview', decodeError: expect.stringContaining('truncated') as string });
    const html = await load('application/fits', new TextEncoder().encode('<html><body>Service unavailable</body></html>'));
    expect(html.payload).toMatchObject({ kind: 'preview', text: expect.stringContaining('Service unavailable') as string, decodeError: expect.stringContaining('not a FITS file') as string });
  });

  it('inflates a gzip-compressed FITS file, within a bound', async () => {
    const result = await load('application/fits', await gzip(readFixture('dachs-stars.fits')));
    expect(result.payload).toMatchObject({ kind: 'table', format: 'fits' });
    const bomb = await gzip(new Uint8Array(50_000_000));
    expect(bomb.length).toBeLessThan(100_000);
    await expect(decodeFitsResult(bomb)).rejects.toMatchObject({ code: 'too-large' });
    await expect(decodeFitsResult(Uint8Array.of(0x1f, 0x8b, 1, 2, 3))).rejects.toMatchObject({ code: 'malformed' });
  });
});
