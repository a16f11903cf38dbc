import { describe, expect, it } from 'vitest';
import { hydrate } from './table-access';
import { decodeDelimited, decodeDelimitedHead } from './worker-delimited';

const table = (text: string, format: 'csv' | 'tsv' = 'csv') => hydrate(decodeDelimited(text, format)).tables[0]!;

describe('CSV and TSV results as tables', () => {
  it('recognises numbers per column: int, long beyond 32 bits, double, and text', () => {
    const t = table('id,big,ra,name,flag\r\n1,9007199254740993,10.5,M 31,true\r\n2,-3,-1e-3,"a, ""b""",false\r\n');
    expect(t.fields.map((f) => [f.name, f.datatype])).toEqual([
      ['id', 'int'],
      ['big', 'long'],
      ['ra', 'double'],
      ['name', 'unicodeChar'],
      ['flag', 'boolean'],
    ]);
    expect(t.rowCount).toBe(2);
    expect([t.cell(0, 0), t.cell(0, 1), t.cell(0, 2), t.cell(0, 3), t.cell(0, 4)]).toEqual([1, 9007199254740993n, 10.5, 'M 31', true]);
    expect([t.cell(1, 1), t.cell(1, 2), t.cell(1, 3), t.cell(1, 4)]).toEqual([-3, -0.001, 'a, "b"', false]);
  });

  it('reads empty cells as null, keeps a column with one word as text, and pads short rows with nulls', () => {
    const t = table('a,b,c\n1,,x\n,2.5\nn/a,3,y,extra\n');
    expect(t.fields.map((f) => f.datatype)).toEqual(['unicodeChar', 'double', 'unicodeChar']);
    expect(t.cell(0, 0)).toBe('1');
    expect(t.cell(1, 0)).toBeNull();
    expect(t.cell(0, 1)).toBeNull();
    expect(t.cell(1, 2)).toBeNull();
    expect(t.cell(2, 2)).toBe('y');
  });

  it('reads NaN and infinities in a number column, and names unnamed columns', () => {
    const t = table('x,\nNaN,1\n-Infinity,2\n1.5,3\n');
    expect(t.fields.map((f) => f.name)).toEqual(['x', 'col2']);
    expect(t.cell(0, 0)).toBeNull();
    expect(t.cell(1, 0)).toBe(-Infinity);
  });

  it('reads TSV with tabs and without quoting', () => {
    const t = table('ra\tname\n10.5\t"quoted"\n', 'tsv');
    expect(t.cell(0, 0)).toBe(10.5);
    expect(t.cell(0, 1)).toBe('"quoted"');
  });

  it('keeps quoted line breaks inside a CSV cell', () => {
    expect(table('note\n"two\nlines"\n').cell(0, 0)).toBe('two\nlines');
  });

  it('gives the first rows of a document still arriving, up to its last complete line', () => {
    const head = decodeDelimitedHead('n,x\n1,a\n2,b\n3,c\n4,partial', 'csv', 2);
    const t = hydrate(head!).tables[0]!;
    expect(t.rowCount).toBe(2);
    expect(t.cell(1, 1)).toBe('b');
    expect(decodeDelimitedHead('n,x', 'csv', 10)).toBeNull();
  });
});
