import { describe, expect, it } from 'vitest';
import { parseVotable } from './parse-votable';
import { writeVotable, type FixtureField, type FixtureValue } from './testing/fixture-writer';
import type { Cell, Serialization } from './types';

const SERIALIZATIONS: Serialization[] = ['TABLEDATA', 'BINARY', 'BINARY2'];

const fields: FixtureField[] = [
  { name: 'b', datatype: 'boolean' },
  { name: 'ub', datatype: 'unsignedByte', nullValue: '255' },
  { name: 's', datatype: 'short', nullValue: '-32768' },
  { name: 'i', datatype: 'int', nullValue: '-2147483648' },
  { name: 'l', datatype: 'long', nullValue: '-9223372036854775808' },
  { name: 'c', datatype: 'char' },
  { name: 'cs', datatype: 'char', arraysize: '*' },
  { name: 'cf', datatype: 'char', arraysize: '8' },
  { name: 'cb', datatype: 'char', arraysize: '12*' },
  { name: 'u', datatype: 'unicodeChar', arraysize: '*' },
  { name: 'f', datatype: 'float' },
  { name: 'd', datatype: 'double' },
  { name: 'fc', datatype: 'floatComplex' },
  { name: 'dc', datatype: 'doubleComplex' },
  { name: 'fa', datatype: 'float', arraysize: '3' },
  { name: 'dv', datatype: 'double', arraysize: '*' },
  { name: 'i23', datatype: 'int', arraysize: '2x3', nullValue: '-1' },
  { name: 's2v', datatype: 'short', arraysize: '2x*', nullValue: '-1' },
  { name: 'lv', datatype: 'long', arraysize: '*', nullValue: '0' },
  { name: 'ba', datatype: 'boolean', arraysize: '4' },
  { name: 'ubv', datatype: 'unsignedByte', arraysize: '3*' },
  { name: 'c42', datatype: 'char', arraysize: '4x2' },
  { name: 'c3v', datatype: 'char', arraysize: '3x*' },
  { name: 'fca', datatype: 'floatComplex', arraysize: '2' },
  { name: 'dcv', datatype: 'doubleComplex', arraysize: '*' },
];

const f32 = Math.fround;

/** Input cells and the cells the decoder must return (when they differ). */
const rows: { input: FixtureValue[]; expected?: Cell[] }[] = [
  {
    input: [
      true, 0, 32767, 2147483647, 9223372036854775807n, 'x', 'DEMO J000001', 'abcdefgh', 'twelve chars', 'Ωμέγα ✓',
      0.1, 0.1, [1.5, -2.25], [1e-310, -0], [1, 2, 3], [1e300, -1e-300, 5e-324],
      [[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10]], [9007199254740993n, 42], [true, false, true, false], [0, 128, 254],
      ['abcd', 'ef'], ['abc', 'de', 'f'], [[1, 2], [3, 4]], [[0.5, 0.25]],
    ],
    expected: [
      true, 0, 32767, 2147483647, 9223372036854775807n, 'x', 'DEMO J000001', 'abcdefgh', 'twelve chars', 'Ωμέγα ✓',
      f32(0.1), 0.1, [1.5, -2.25], [1e-310, -0], [1, 2, 3], [1e300, -1e-300, 5e-324],
      [[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10]], [9007199254740993n, 42], [true, false, true, false], [0, 128, 254],
      ['abcd', 'ef'], ['abc', 'de', 'f'], [[1, 2], [3, 4]], [[0.5, 0.25]],
    ],
  },
  {
    input: [
      false, 254, -32767, -2147483647, -9007199254740991n, '&', 'a<b>&"c"', '', 'x', 'ü',
      -3.4028234663852886e38, Infinity, [-Infinity, 0], [Number.MAX_VALUE, Number.MIN_VALUE], [-1, 0, 1e-45], [],
      [[null, 2], [3, null], [null, null]], [[null, null]], [null, -9223372036854775807n], [null, true, null, false], [],
      [null, 'z'], [null], [null, [1, null]], [],
    ],
    expected: [
      false, 254, -32767, -2147483647, -9007199254740991, '&', 'a<b>&"c"', null, 'x', 'ü',
      -3.4028234663852886e38, Infinity, [-Infinity, 0], [Number.MAX_VALUE, Number.MIN_VALUE], [-1, 0, f32(1e-45)], null,
      [[null, 2], [3, null], [null, null]], null, [null, -9223372036854775807n], [null, true, null, false], null,
      [null, 'z'], null, [null, [1, null]], null,
    ],
  },
  {
    input: new Array<FixtureValue>(fields.length).fill(null),
    expected: new Array<Cell>(fields.length).fill(null),
  },
];

function cellsOf(doc: string): Cell[][] {
  const t = parseVotable(doc).tables[0]!;
  const out: Cell[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.fields.map((_, c) => t.cell(r, c)));
  return out;
}

describe('the three serializations of one table', () => {
  for (const serialization of SERIALIZATIONS) {
    for (const namespace of ['default', 'prefixed', 'none'] as const) {
      it(`decode to the intended cells from ${serialization} (${namespace} namespace)`, () => {
        const doc = writeVotable(fields, rows.map((r) => r.input), serialization, { namespace });
        const cells = cellsOf(doc);
        expect(cells).toHaveLength(rows.length);
        rows.forEach((r, i) => {
          (r.expected ?? r.input).forEach((want, c) => {
            expect({ field: fields[c]!.name, row: i, value: cells[i]![c] }).toEqual({ field: fields[c]!.name, row: i, value: want });
          });
        });
      });
    }
  }

  it('gives integer nulls written as the VALUES null literal in TABLEDATA', () => {
    const doc = writeVotable(fields, rows.map((r) => r.input), 'TABLEDATA', { tabledataNullLiteral: true });
    expect(doc).toContain('<TD>-9223372036854775808</TD>');
    expect(cellsOf(doc)[2]).toEqual(new Array(fields.length).fill(null));
  });

  it('agree on bit and bit arrays (which BINARY cannot make null)', () => {
    const bitFields: FixtureField[] = [
      { name: 'bit', datatype: 'bit' },
      { name: 'b10', datatype: 'bit', arraysize: '10' },
      { name: 'bv', datatype: 'bit', arraysize: '*' },
    ];
    const input: FixtureValue[][] = [
      [true, [true, false, true, true, false, false, false, false, true, true], [true]],
      [false, new Array(10).fill(false), [false, true, false, true, false, true, false, true, true]],
    ];
    for (const s of SERIALIZATIONS) expect(cellsOf(writeVotable(bitFields, input, s))).toEqual(input);
  });

  it('size columns to the declared rows, with nothing spare, when BINARY rows have variable cells', () => {
    const vf: FixtureField[] = [
      { name: 'd', datatype: 'double' },
      { name: 's', datatype: 'char', arraysize: '*' },
    ];
    const input: FixtureValue[][] = Array.from({ length: 100 }, (_, i) => [i / 4, `row ${i}`]);
    for (const s of ['BINARY', 'BINARY2'] as const) {
      const doc = writeVotable(vf, input, s).replace('<TABLE name="fixture">', '<TABLE name="fixture" nrows="100">');
      const d = parseVotable(doc).tables[0]!.columns[0]!;
      expect(d.kind === 'number' && d.values.buffer.byteLength).toBe(800);
    }
  });

  it('make the same strings per column as per cell, ASCII or not', () => {
    for (const s of SERIALIZATIONS) {
      const t = parseVotable(writeVotable(fields, rows.map((r) => r.input), s)).tables[0]!;
      for (const c of [5, 6, 7, 8, 9]) {
        const col = t.column(c);
        expect(col.kind).toBe('string');
        if (col.kind === 'string') expect(col.values).toEqual(rows.map((_, r) => t.cell(r, c)));
      }
    }
  });

  it('gives typed columns with null masks', () => {
    const t = parseVotable(writeVotable(fields, rows.map((r) => r.input), 'BINARY2')).tables[0]!;
    const i = t.column(3);
    expect(i.kind).toBe('number');
    if (i.kind !== 'number') return;
    expect(i.values).toBeInstanceOf(Int32Array);
    expect([...i.values.slice(0, 2)]).toEqual([2147483647, -2147483647]);
    expect([...i.nulls!]).toEqual([0, 0, 1]);
    const l = t.column(4);
    expect(l.kind === 'long' && l.values[0]).toBe(9223372036854775807n);
    const fa = t.column(14);
    expect(fa.kind === 'array' && [...fa.offsets]).toEqual([0, 3, 6, 9]);
    const cs = t.column(6);
    expect(cs.kind === 'string' && cs.values).toEqual(['DEMO J000001', 'a<b>&"c"', null]);
  });
});
