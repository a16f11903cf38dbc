import { describe, expect, it } from 'vitest';
import { hydrate } from '../votable/table-access';
import type { Cell } from '../votable/types';
import { decodeFits } from './decode-fits';
import { decodeFitsTable } from './fits-table';
import { bintableCards, fitsFile, oneTable, rowBytes, type BintableColumn } from './testing/fits-writer';

function columnCells(columns: BintableColumn[], rowWidth: number, rows: number, data: Uint8Array, pcount = 0): Cell[][] {
  const table = hydrate(decodeFits(oneTable(columns, rowWidth, rows, data, pcount))).tables[0]!;
  return table.fields.map((_, c) => Array.from({ length: rows }, (_r, r) => table.cell(r, c)));
}

describe('BINTABLE cells', () => {
  it('reads unsigned 64-bit values beyond a long as exact decimal text', () => {
    const data = rowBytes(16, (dv) => {
      dv.setBigInt64(0, -(2n ** 63n) + 5n); // 5
      dv.setBigInt64(8, 2n ** 63n - 1n); // 2^64 - 1
    });
    const table = decodeFits(oneTable([{ name: 'u', tform: 'K', keywords: { TZERO: 2n ** 63n } }], 8, 2, data)).resources[0]!.tables[0]!;
    expect(table.fields[0]).toMatchObject({ datatype: 'char' });
    expect(columnCells([{ name: 'u', tform: 'K', keywords: { TZERO: 2n ** 63n } }], 8, 2, data)).toEqual([['5', '18446744073709551615']]);
  });

  it('applies TNULL to the stored value of unsigned and signed-byte columns', () => {
    const data = rowBytes(6, (dv, bytes) => {
      dv.setInt16(0, -32768); // stored -32768 = physical 0, the null
      dv.setInt16(2, 7); // physical 32775
      bytes[4] = 255; // stored 255 = physical 127, the null
      bytes[5] = 0; // physical -128
    });
    const cols: BintableColumn[] = [
      { name: 'u', tform: '2I', keywords: { TZERO: 32768, TNULL: -32768 } },
      { name: 'b', tform: '2B', keywords: { TZERO: -128, TNULL: 255 } },
    ];
    expect(columnCells(cols, 6, 1, data)).toEqual([[[null, 32775]], [[null, -128]]]);
  });

  it('reads logicals with null, scalar bits, and strings ended by NUL or padded with spaces', () => {
    const data = rowBytes(3 * 6, (_dv, bytes) => {
      const rows = [
        ['T', 0x80, 'ab\0x'],
        ['\0', 0x00, 'cd  '],
        ['F', 0x80, '\0\0\0\0'],
      ] as const;
      rows.forEach(([l, x, a], r) => {
        bytes[6 * r] = l.charCodeAt(0);
        bytes[6 * r + 1] = x;
        for (let i = 0; i < 4; i++) bytes[6 * r + 2 + i] = a.charCodeAt(i);
      });
    });
    const cols: BintableColumn[] = [
      { name: 'l', tform: 'L' },
      { name: 'x', tform: 'X' },
      { name: 'a', tform: '4A' },
    ];
    expect(columnCells(cols, 6, 3, data)).toEqual([
      [true, null, false],
      [true, false, true],
      ['ab', 'cd', null],
    ]);
  });

  it('makes a cell whose elements are all null a null cell, as in VOTable', () => {
    const data = rowBytes(16, (dv) => {
      dv.setFloat32(0, NaN);
      dv.setFloat32(4, NaN);
      dv.setFloat32(8, 1);
      dv.setFloat32(12, NaN);
    });
    expect(columnCells([{ name: 'f', tform: '2E' }], 8, 2, data)).toEqual([[null, [1, null]]]);
  });

  it('reads a table without rows as an empty table with its columns', () => {
    const table = decodeFits(oneTable([{ name: 'a', tform: 'J' }, { name: 's', tform: 'PA' }], 12, 0, new Uint8Array(0))).resources[0]!.tables[0]!;
    expect(table.rowCount).toBe(0);
    expect(table.fields.map((f) => [f.name, f.datatype, f.arraysize])).toEqual([['a', 'int', undefined], ['s', 'char', '*']]);
  });

  it('skips images and other extensions to the first BINTABLE, or reads the extension asked for', () => {
    const ints = (v: number) => rowBytes(4, (dv) => dv.setInt32(0, v));
    const file = fitsFile([
      { cards: [['SIMPLE', true], ['BITPIX', 16], ['NAXIS', 2], ['NAXIS1', 3], ['NAXIS2', 2]], data: new Uint8Array(12) },
      { cards: [['XTENSION', 'IMAGE'], ['BITPIX', -32], ['NAXIS', 1], ['NAXIS1', 1000], ['PCOUNT', 0], ['GCOUNT', 1]], data: new Uint8Array(4000) },
      { cards: bintableCards([{ name: 'first', tform: 'J' }], 4, 1, 0, [['EXTNAME', 'ONE']]), data: ints(1) },
      { cards: bintableCards([{ name: 'second', tform: 'J' }], 4, 1), data: ints(2) },
    ]);
    expect(decodeFitsTable(file)).toMatchObject({ name: 'ONE', rows: 1, fields: [{ name: 'first' }] });
    expect(decodeFitsTable(file, { extnum: 3 })).toMatchObject({ fields: [{ name: 'second' }], columns: [{ values: new Int32Array([2]) }] });
  });
});
