import { describe, expect, it } from 'vitest';
import { batchedTable } from './batched-table';
import { createStreamingDecoder, type StreamTableEvent } from './streaming-decoder';
import { writeVotable, type FixtureField, type FixtureValue } from './testing/fixture-writer';
import type { Cell, VoTableTable } from './types';
import { batchTransferables, mergeBatches, type RowBatch } from './worker-batches';

const fields: FixtureField[] = [
  { name: 'id', datatype: 'long' },
  { name: 'name', datatype: 'char', arraysize: '*' },
  { name: 'mag', datatype: 'float' },
  { name: 'pos', datatype: 'double', arraysize: '2' },
  { name: 'cube', datatype: 'short', arraysize: '2x*' },
  { name: 'flag', datatype: 'boolean' },
];
const rows: FixtureValue[][] = Array.from({ length: 400 }, (_, i) => [
  BigInt(i) * 4503599627370497n,
  i % 7 === 0 ? null : `star ${i}`,
  i % 11 === 0 ? null : i / 8,
  [i * 0.5, -i],
  i % 3 === 0 ? [] : [[i, i + 1]],
  i % 4 === 0 ? null : i % 2 === 0,
]);

function cells(t: VoTableTable): Cell[][] {
  return Array.from({ length: t.rowCount }, (_, r) => t.fields.map((_, c) => t.cell(r, c)));
}

/** The streaming decoder's row batches of a document fed in small chunks, and the document it ends with. */
function batchesOf(text: string, chunk: number) {
  const bytes = new TextEncoder().encode(text);
  const decoder = createStreamingDecoder();
  const batches: RowBatch[] = [];
  let header: StreamTableEvent | undefined;
  for (let i = 0; i < bytes.length; i += chunk) {
    for (const event of decoder.push(bytes.subarray(i, i + chunk))) {
      if (event.kind === 'table') header = event;
      else batches.push({ ...(event.firstRow === 0 ? { header: { fields: header!.fields, serialization: header!.serialization } } : {}), ...event });
    }
  }
  return { batches, whole: decoder.end().tables[0]! };
}

describe('rows shown while a result arrives', () => {
  for (const serialization of ['TABLEDATA', 'BINARY', 'BINARY2'] as const) {
    it(`grows to the same cells as the whole ${serialization} table, batches merged in any grouping`, () => {
      const { batches, whole } = batchesOf(writeVotable(fields, rows, serialization), 700);
      expect(batches.length).toBeGreaterThan(4);
      // Posted in groups, as the worker does every so often.
      const groups = [batches.slice(0, 1), batches.slice(1, 3), batches.slice(3)].map(mergeBatches);
      let table = batchedTable(groups[0]!);
      for (const group of groups.slice(1)) table = table.append(group);
      expect(table.batchCount).toBe(3);
      expect(table.rowCount).toBe(400);
      expect(cells(table)).toEqual(cells(whole));
    });
  }

  it('hands over buffers that nothing else holds: transferring a batch leaves the earlier and later ones intact', () => {
    const { batches, whole } = batchesOf(writeVotable(fields, rows, 'BINARY2'), 500);
    const received: RowBatch[] = [];
    for (const batch of [mergeBatches(batches.slice(0, 2)), mergeBatches(batches.slice(2))]) {
      received.push(structuredClone(batch, { transfer: batchTransferables(batch) }));
      // The sender's copy is gone: its buffers were handed over.
      expect((batch.columns[0] as { values: BigInt64Array }).values.length).toBe(0);
    }
    const table = batchedTable(received[0]!).append(received[1]!);
    expect(cells(table)).toEqual(cells(whole));
  });

  it('refuses a batch that does not follow the rows shown', () => {
    const { batches } = batchesOf(writeVotable(fields, rows, 'TABLEDATA'), 700);
    const table = batchedTable(batches[0]!);
    expect(() => table.append(batches[2]!)).toThrow(RangeError);
    expect(() => batchedTable(batches[1]!)).toThrow(RangeError);
    expect(() => table.cell(table.rowCount, 0)).toThrow(RangeError);
  });
});
