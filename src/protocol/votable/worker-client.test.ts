import { describe, expect, it } from 'vitest';
import { hydrate, dehydrate } from './table-access';
import { writeVotable, type FixtureField, type FixtureValue } from './testing/fixture-writer';
import { parseVotable } from './parse-votable';
import { decodeVotableInWorker } from './worker-client';
import { transferablesOf } from './worker-protocol';
import { VotableError } from './types';

const fields: FixtureField[] = [
  { name: 'id', datatype: 'long' },
  { name: 'name', datatype: 'char', arraysize: '*' },
  { name: 'mag', datatype: 'float' },
  { name: 'pm', datatype: 'double', arraysize: '2' },
];
const rows: FixtureValue[][] = Array.from({ length: 70000 }, (_, i) => [
  BigInt(i) * 4294967297n,
  i % 10 === 0 ? null : `star ${i}`,
  i % 7 === 0 ? null : i / 8,
  [i, -i / 4],
]);
const bytes = new TextEncoder().encode(writeVotable(fields, rows, 'BINARY2'));

describe('decodeVotableInWorker', () => {
  it('decodes in the calling thread where Worker is missing, with progress in bytes and rows', async () => {
    expect(typeof Worker).toBe('undefined');
    const seen: { bytes: number; totalBytes: number; rows: number }[] = [];
    const doc = await decodeVotableInWorker(bytes, { onProgress: (p) => seen.push(p) });
    const t = doc.tables[0]!;
    expect(t.rowCount).toBe(70000);
    expect(t.cell(69999, 0)).toBe(69999 * 4294967297);
    expect(t.cell(10, 1)).toBeNull();
    expect(t.cell(11, 1)).toBe('star 11');
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)!.totalBytes).toBe(bytes.length);
    expect(seen.at(-1)!.rows).toBeLessThanOrEqual(70000);
  });

  it('stops with an aborted error when the signal fires', async () => {
    const controller = new AbortController();
    const promise = decodeVotableInWorker(bytes, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(promise).rejects.toBeInstanceOf(VotableError);
    await expect(promise).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('plain data for the worker transfer', () => {
  it('survives structured cloning with its buffers transferred, and rebuilds the same cells', () => {
    const doc = parseVotable(bytes);
    const data = dehydrate(doc);
    const buffers = transferablesOf(data);
    expect(new Set(buffers).size).toBe(buffers.length);
    const copy = hydrate(structuredClone(data, { transfer: buffers }));
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
    const t = copy.tables[0]!;
    expect([t.cell(5, 0), t.cell(5, 1), t.cell(5, 2), t.cell(5, 3)]).toEqual([5 * 4294967297, 'star 5', 5 / 8, [5, -5 / 4]]);
    const names = t.column(1);
    expect(names.kind === 'string' && names.values.slice(9, 12)).toEqual(['star 9', null, 'star 11']);
  });
});
