import { describe, expect, it } from 'vitest';
import type { VotableErrorCode } from '../votable/types';
import { decodeFits } from './decode-fits';
import { decodeFitsTable } from './fits-table';
import { BLOCK } from './header';
import { bintableCards, EMPTY_PRIMARY, type CardInput, fitsFile, header, oneTable, rowBytes } from './testing/fits-writer';

function refusal(bytes: Uint8Array): { code: VotableErrorCode; message: string } {
  try {
    decodeFits(bytes);
  } catch (error) {
    return error as { code: VotableErrorCode; message: string };
  }
  throw new Error('The input was decoded, not refused.');
}

const ints = (values: number[]) => rowBytes(4 * values.length, (dv) => values.forEach((v, i) => dv.setInt32(4 * i, v)));

describe('FITS input that is refused with a clear reason', () => {
  it('refuses what is not FITS, HTML error pages included', () => {
    const r = refusal(new TextEncoder().encode('<html><body>502 Bad Gateway</body></html>'));
    expect(r).toMatchObject({ code: 'not-supported' });
    expect(r.message).toContain('not a FITS file');
  });

  it('refuses a header without END within a sane number of blocks', () => {
    const endless = new Uint8Array(1001 * BLOCK).fill(0x20);
    endless.set(header(EMPTY_PRIMARY, false).subarray(0, 320));
    expect(refusal(endless)).toMatchObject({ code: 'malformed', message: expect.stringContaining('no END card within 1000 blocks') as string });
    const short = header(EMPTY_PRIMARY, false);
    expect(refusal(short)).toMatchObject({ code: 'malformed', message: expect.stringContaining('no END card') as string });
  });

  it('refuses row counts and sizes far beyond the bytes there are, before allocating', () => {
    const cols = [{ name: 'a', tform: 'J' }];
    const absurd = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards(cols, 4, 1_000_000_000), data: ints([1, 2]) }]);
    expect(refusal(absurd)).toMatchObject({ code: 'too-large', message: expect.stringContaining('NAXIS2 = 1000000000') as string });
    const heap = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards(cols, 4, 2, 2 ** 40), data: ints([1, 2]) }]);
    expect(refusal(heap)).toMatchObject({ code: 'too-large' });
    const rows = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards(cols, 4, 2 ** 31), data: ints([1]) }]);
    expect(refusal(rows)).toMatchObject({ code: 'too-large' });
    const empty = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards([{ name: 'none', tform: '0J' }], 0, 2 ** 31 - 1) }]);
    expect(refusal(empty)).toMatchObject({ code: 'too-large' });
  });

  it('refuses truncated data', () => {
    const whole = oneTable([{ name: 'a', tform: 'D' }], 8, 400, new Uint8Array(3200));
    const cut = whole.subarray(0, whole.length - 2880 + 100);
    const r = refusal(cut);
    expect(r).toMatchObject({ code: 'malformed' });
    expect(r.message).toContain('truncated');
  });

  it('reads a file whose last block lacks its padding', () => {
    const data = ints([5, 6, 7]);
    const file = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards([{ name: 'a', tform: 'J' }], 4, 3), data }], { padLast: false });
    const table = decodeFitsTable(file);
    expect(Array.from(table.columns[0]!.kind === 'number' ? table.columns[0]!.values : [])).toEqual([5, 6, 7]);
  });

  it('refuses columns that do not add up to the row length, and unknown formats', () => {
    expect(refusal(oneTable([{ name: 'a', tform: 'J' }, { name: 'b', tform: '3E' }], 20, 1, new Uint8Array(20)))).toMatchObject({
      code: 'invalid-data',
      message: expect.stringContaining('16 bytes per row') as string,
    });
    expect(refusal(oneTable([{ name: 'a', tform: 'Z' }], 4, 1, new Uint8Array(4)))).toMatchObject({ code: 'not-supported' });
    const many = bintableCards([], 0, 0).map((c): CardInput => (c[0] === 'TFIELDS' ? ['TFIELDS', 5000] : c));
    expect(refusal(fitsFile([{ cards: EMPTY_PRIMARY }, { cards: many }]))).toMatchObject({ code: 'malformed', message: expect.stringContaining('5000 columns') as string });
  });

  it('refuses heap descriptors that point outside the heap, and a THEAP outside the data', () => {
    const cols = [{ name: 'v', tform: 'PJ(4)' }];
    const rows = (n: number, off: number) => rowBytes(8 + 16, (dv) => {
      dv.setInt32(0, n);
      dv.setInt32(4, off);
      dv.setInt32(8, 1);
    });
    expect(decodeFits(oneTable(cols, 8, 1, rows(4, 0), 16)).resources[0]!.tables[0]!.columns[0]).toMatchObject({ values: new Int32Array([1, 0, 0, 0]) });
    const beyond = refusal(oneTable(cols, 8, 1, rows(5, 0), 16));
    expect(beyond).toMatchObject({ code: 'invalid-data', message: "Row 1 of the FITS column 'v' points outside the heap." });
    expect(refusal(oneTable(cols, 8, 1, rows(1, -4), 16))).toMatchObject({ code: 'invalid-data' });
    expect(refusal(oneTable(cols, 8, 1, rows(1, 0), 16, [['THEAP', 100]]))).toMatchObject({ code: 'malformed', message: expect.stringContaining('THEAP') as string });
    const q = rowBytes(16 + 8, (dv) => {
      dv.setUint32(0, 1); // more than 2^32 elements
      dv.setUint32(4, 1);
    });
    expect(refusal(oneTable([{ name: 'q', tform: 'QD' }], 16, 1, q, 8))).toMatchObject({ code: 'invalid-data' });
  });

  it('bounds what descriptors pointing at the same heap bytes may expand to', () => {
    const rows = 100_000;
    const perCell = 1000; // 8 kB of doubles, the same for every row: 800 MB in all
    const data = rowBytes(rows * 8 + perCell * 8, (dv) => {
      for (let r = 0; r < rows; r++) dv.setInt32(8 * r, perCell);
    });
    const r = refusal(oneTable([{ name: 'v', tform: 'PD' }], 8, rows, data, perCell * 8));
    expect(r).toMatchObject({ code: 'too-large', message: expect.stringContaining("'v'") as string });
  });

  it('refuses a file with no table, an extension that is not one, and ASCII tables', () => {
    expect(refusal(fitsFile([{ cards: EMPTY_PRIMARY }]))).toMatchObject({ code: 'not-supported', message: expect.stringContaining('no table') as string });
    const image = fitsFile([{ cards: [['SIMPLE', true], ['BITPIX', 16], ['NAXIS', 2], ['NAXIS1', 10], ['NAXIS2', 10]] , data: new Uint8Array(200) }]);
    expect(refusal(image)).toMatchObject({ code: 'not-supported' });
    const ascii = fitsFile([
      { cards: EMPTY_PRIMARY },
      { cards: [['XTENSION', 'TABLE'], ['BITPIX', 8], ['NAXIS', 2], ['NAXIS1', 4], ['NAXIS2', 1], ['PCOUNT', 0], ['GCOUNT', 1], ['TFIELDS', 1]], data: new Uint8Array(4) },
    ]);
    expect(refusal(ascii)).toMatchObject({ message: expect.stringContaining('ASCII TABLE') as string });
    expect(() => decodeFitsTable(ascii, { extnum: 1 })).toThrow(expect.objectContaining({ message: expect.stringContaining('not a BINTABLE') as string }) as Error);
    expect(() => decodeFitsTable(ascii, { extnum: 3 })).toThrow(expect.objectContaining({ code: 'invalid-data' }) as Error);
  });

  it('refuses a column-oriented file (colfits) whose columns differ in length', () => {
    const cols = [
      { name: 'a', tform: '3J', keywords: { TDIM: '(1,3)' } },
      { name: 'b', tform: '4J', keywords: { TDIM: '(1,4)' } },
    ];
    const file = fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards(cols, 28, 1, 0, [['STILCLAS', 'uk.ac.starlink.fits.ColFitsTableWriter']]), data: new Uint8Array(28) }]);
    expect(refusal(file)).toMatchObject({ code: 'not-supported', message: expect.stringContaining('colfits') as string });
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const file = oneTable([{ name: 'a', tform: 'J' }], 4, 1, ints([1]));
    expect(() => decodeFits(file, { signal: controller.signal })).toThrow(expect.objectContaining({ code: 'aborted' }) as Error);
  });
});
