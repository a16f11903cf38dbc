import { describe, expect, it } from 'vitest';
import { hydrate } from './table-access';
import { writeVotable } from './testing/fixture-writer';
import { createResultDecoder } from './worker-formats';

const fields = [
  { name: 'id', datatype: 'int' as const },
  { name: 'name', datatype: 'char' as const, arraysize: '*' },
];
const rows = Array.from({ length: 5000 }, (_, i) => [i, `star ${i}`]);

function chunksOf(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe('VOTable results arriving in chunks', () => {
  for (const serialization of ['TABLEDATA', 'BINARY2'] as const) {
    it(`shows the first rows of ${serialization} before the last byte, then the whole table`, async () => {
      const chunks = chunksOf(writeVotable(fields, rows, serialization), 16_384);
      const decoder = createResultDecoder('votable', { firstRows: 1000, signal: new AbortController().signal });
      let first: ReturnType<typeof decoder.takeFirstRows> = null;
      let seenAt = -1;
      chunks.forEach((chunk, i) => {
        decoder.push(chunk);
        const taken = decoder.takeFirstRows();
        if (taken && !first) {
          first = taken;
          seenAt = i;
        }
      });
      expect(seenAt).toBeGreaterThanOrEqual(0);
      expect(seenAt).toBeLessThan(chunks.length - 1);
      const table = hydrate(first!).tables[0]!;
      expect(table.rowCount).toBeGreaterThan(0);
      expect(table.cell(0, 1)).toBe('star 0');
      expect(table.cell(table.rowCount - 1, 0)).toBe(table.rowCount - 1);
      expect(decoder.takeFirstRows()).toBeNull();

      const length = chunks.reduce((n, c) => n + c.length, 0);
      const whole = await decoder.end(chunks, length, () => undefined);
      expect(whole.kind === 'table' && hydrate(whole.data).tables[0]!.rowCount).toBe(5000);
    });
  }

  it('leaves a broken document to the whole decode, which says what is wrong', async () => {
    const text = writeVotable(fields, rows.slice(0, 10), 'TABLEDATA').replace('<TD>3</TD>', '<TD>3</TD><!ENTITY x "y">');
    const chunks = chunksOf(text, 64);
    const decoder = createResultDecoder('votable', { firstRows: 1000, signal: new AbortController().signal });
    for (const chunk of chunks) decoder.push(chunk);
    const whole = await decoder.end(chunks, text.length, () => undefined);
    expect(whole.kind).toBe('preview');
  });
});
