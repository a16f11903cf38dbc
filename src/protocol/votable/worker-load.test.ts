import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../http/fake-fetch';
import { NotFoundError, TimeoutError } from '../http/errors';
import { hydrate } from './table-access';
import { inServiceScope, loadResultInWorker } from './worker-client';
import { ResultTooLargeError } from './worker-errors';
import { loadResult } from './worker-load';
import { batchedTable, type BatchedTable } from './batched-table';
import { writeVotable } from './testing/fixture-writer';
import { batchTransferables } from './worker-batches';
import type { LoadProgress, LoadRequest } from './worker-protocol';
import type { VoTableData } from './types';

const SERVICE = 'http://tap.example/tap';
const request = (url: string, extra: Partial<LoadRequest> = {}): LoadRequest => ({
  type: 'load',
  url,
  serviceUrl: SERVICE,
  credential: { kind: 'bearer', token: 'secret-token' },
  timeoutMs: 5000,
  firstRows: 1000,
  decode: true,
  maxBytes: null,
  ...extra,
});

/** A body that sends `parts` one by one, each only once `release(i)` is called. */
function gatedBody(parts: string[]) {
  const encoder = new TextEncoder();
  const gates = parts.map(() => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  });
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next >= parts.length) return controller.close();
      await gates[next]!.promise;
      controller.enqueue(encoder.encode(parts[next]!));
      next++;
    },
  });
  return { body, release: (i: number) => gates[i]!.open() };
}

const csvRows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${from + i},star ${from + i},${(from + i) / 4}\n`).join('');

describe('loading a result in the worker', () => {
  it('shows the first CSV rows before the download ends, then the whole table with bytes and rows counted', async () => {
    const head = 'id,name,mag\n' + csvRows(0, 5000);
    const tail = csvRows(5000, 6000);
    const gated = gatedBody([head, tail]);
    const service = fakeFetch(() => ({ headers: { 'content-type': 'text/csv;charset=utf-8' }, body: gated.body }));
    const seen: string[] = [];
    const progress: LoadProgress[] = [];
    gated.release(0);
    const loading = loadResult(
      request(`${SERVICE}/async/1/results/result`),
      {
        progress: (p) => progress.push(p),
        rows: (batch) => {
          const t = batchedTable(batch);
          seen.push(`first ${t.rowCount}: ${String(t.cell(0, 1))}`);
          gated.release(1);
        },
      },
      new AbortController().signal,
      { fetch: service.fetch },
    );
    const result = await loading;
    expect(seen).toEqual(['first 1000: star 0']);
    expect(result.payload.kind).toBe('table');
    const table = hydrate((result.payload as { data: VoTableData }).data).tables[0]!;
    expect(table.rowCount).toBe(6000);
    expect(table.fields.map((f) => f.datatype)).toEqual(['int', 'unicodeChar', 'double']);
    expect(table.cell(5999, 2)).toBe(5999 / 4);
    expect(result.byteLength).toBe(new TextEncoder().encode(head + tail).length);
    expect(await result.original.text()).toBe(head + tail);
    expect(progress.at(-1)).toMatchObject({ phase: 'decode', rows: 6000 });
    expect(progress.some((p) => p.phase === 'download' && p.bytes === result.byteLength)).toBe(true);
  });

  for (const serialization of ['TABLEDATA', 'BINARY2'] as const) {
    it(`shows ${serialization} rows as they arrive, in batches the page can keep, then the whole table`, async () => {
      const fields = [
        { name: 'id', datatype: 'int' as const },
        { name: 'name', datatype: 'char' as const, arraysize: '*' },
      ];
      const text = writeVotable(fields, Array.from({ length: 6000 }, (_, i) => [i, `star ${i}`]), serialization);
      const third = Math.floor(text.length / 3);
      const gated = gatedBody([text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)]);
      const service = fakeFetch(() => ({ headers: { 'content-type': 'application/x-votable+xml' }, body: gated.body }));
      let shown: BatchedTable | null = null;
      const seen: number[] = [];
      gated.release(0);
      const result = await loadResult(
        request(`${SERVICE}/r`),
        {
          progress: () => {},
          rows: (batch) => {
            // As postMessage does: the worker's copy of the batch is gone afterwards.
            const posted = structuredClone(batch, { transfer: batchTransferables(batch) });
            shown = shown ? shown.append(posted) : batchedTable(posted);
            seen.push(shown.rowCount);
            // The next part of the download only once rows are shown.
            if (seen.length < 3) gated.release(seen.length);
          },
        },
        new AbortController().signal,
        { fetch: service.fetch },
      );
      expect(seen.length).toBe(2);
      expect(seen[0]).toBeGreaterThan(0);
      expect(seen[1]).toBeGreaterThan(seen[0]!);
      expect(seen[1]).toBeLessThan(6000);
      const rowsShown = shown!;
      expect(rowsShown.cell(rowsShown.rowCount - 1, 1)).toBe(`star ${rowsShown.rowCount - 1}`);
      const table = hydrate((result.payload as { data: VoTableData }).data).tables[0]!;
      expect(table.rowCount).toBe(6000);
      expect(table.cell(5999, 1)).toBe('star 5999');
      expect(table.cell(0, 0)).toBe(0);
    });
  }

  it('shows all the bytes received of a download that stalls, even those that came right after a report', async () => {
    const gated = gatedBody(['id,name\n1,a\n', '2,b\n', '3,c\n']);
    const service = fakeFetch(() => ({ headers: { 'content-type': 'text/csv' }, body: gated.body }));
    gated.release(0);
    gated.release(1);
    const downloads: number[] = [];
    // The last part comes only once the first two show: without that report the load would never end.
    const result = await loadResult(
      request(`${SERVICE}/r`),
      {
        progress: (p) => {
          if (p.phase !== 'download') return;
          downloads.push(p.bytes);
          if (p.bytes === 16) gated.release(2);
        },
        rows: () => {},
      },
      new AbortController().signal,
      { fetch: service.fetch },
    );
    expect(downloads).toContain(16);
    expect(result.byteLength).toBe(20);
  });

  it('sends the credential to its own service only, never to another origin or another proxied service', async () => {
    expect(inServiceScope('http://tap.example/tap/async/1/results/r', SERVICE)).toBe(true);
    expect(inServiceScope('http://other.example/r', SERVICE)).toBe(false);
    const proxied = 'http://app.example/proxy/http/127.0.0.1:8432/tap';
    expect(inServiceScope('http://app.example/proxy/http/127.0.0.1:8432/tap/async/1/results/r', proxied)).toBe(true);
    expect(inServiceScope('http://app.example/proxy/http/127.0.0.1:8998/steal', proxied)).toBe(false);

    const service = fakeFetch(() => ({ headers: { 'content-type': 'text/plain' }, body: 'ok' }));
    await loadResultInWorker('http://other.example/r', { serviceUrl: SERVICE, credential: { kind: 'bearer', token: 'secret-token' }, fetch: service.fetch });
    await loadResultInWorker(`${SERVICE}/async/1/results/r`, { serviceUrl: SERVICE, credential: { kind: 'bearer', token: 'secret-token' }, fetch: service.fetch });
    expect(service.requests.map((r) => r.headers.get('authorization'))).toEqual([null, 'Bearer secret-token']);
  });

  it("fails with the transport's typed errors, which never carry the token", async () => {
    const missing = fakeFetch(() => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not here, secret-token</h1>' }));
    const error = await loadResult(request(`${SERVICE}/r`), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: missing.fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('secret-token');

    const silent = fakeFetch(() => new Promise(() => {}));
    await expect(
      loadResult(request(`${SERVICE}/r`, { timeoutMs: 20 }), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: silent.fetch }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('stops reading when cancelled', async () => {
    const gated = gatedBody(['id\n1\n', '2\n']);
    const service = fakeFetch(() => ({ headers: { 'content-type': 'text/csv' }, body: gated.body }));
    const controller = new AbortController();
    gated.release(0);
    const loading = loadResult(request(`${SERVICE}/r`), { progress: () => controller.abort(), rows: () => {} }, controller.signal, { fetch: service.fetch });
    await expect(loading).rejects.toThrow();
  });

  it('keeps a VOTable that cannot be decoded as text with the reason, and anything else as a preview', async () => {
    const broken = fakeFetch(() => ({ headers: { 'content-type': 'application/x-votable+xml' }, body: '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1' }));
    const result = await loadResult(request(`${SERVICE}/r`), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: broken.fetch });
    expect(result.payload).toMatchObject({ kind: 'preview', text: expect.stringContaining('<VOTABLE') as unknown, decodeError: expect.any(String) as unknown });

    const html = fakeFetch(() => ({ headers: { 'content-type': 'application/x-unknown' }, body: 'hello' }));
    const other = await loadResult(request(`${SERVICE}/r`), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: html.fetch });
    expect(other.payload).toEqual({ kind: 'preview', text: 'hello', truncated: false, decodeError: null });
  });

  it('stops at the size limit, by Content-Length before reading or by the bytes as they arrive', async () => {
    const body = 'id\n' + '1\n'.repeat(5000);
    const sized = fakeFetch(() => ({ headers: { 'content-type': 'text/csv', 'content-length': String(body.length) }, body }));
    const error = await loadResult(request(`${SERVICE}/r`, { maxBytes: 1000 }), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: sized.fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResultTooLargeError);
    expect(error).toMatchObject({ size: body.length, limit: 1000 });

    const unsized = fakeFetch(() => ({ headers: { 'content-type': 'text/csv' }, body: new Blob([body]).stream() }));
    const streamed = await loadResult(request(`${SERVICE}/r`, { maxBytes: 1000 }), { progress: () => {}, rows: () => {} }, new AbortController().signal, { fetch: unsized.fetch }).catch(
      (e: unknown) => e,
    );
    expect(streamed).toMatchObject({ name: 'ResultTooLargeError', size: null, limit: 1000 });
    expect((streamed as ResultTooLargeError).atLeast).toBeGreaterThan(1000);
  });
});
