import { describe, expect, it } from 'vitest';
import { parseVotable, parseVotableAsync } from '../votable/parse-votable';
import { hydrate } from '../votable/table-access';
import type { Cell, VoTable, VoTableTable } from '../votable/types';
import { decodeFits } from './decode-fits';
import { readFixture, readFixtureText } from './testing/read-fixture';

const votableFixture = (name: string): VoTable => parseVotable(readFixtureText(`../../votable/fixtures/${name}`));
const fitsFixture = (name: string): VoTable => hydrate(decodeFits(readFixture(name)));

function cells(t: VoTableTable): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.fields.map((_, c) => t.cell(r, c)));
  return out;
}

// Written by STILTS 4.1 (tcopy ofmt=fits-basic, fits-plus, colfits-basic, votable-fits-inline, votable-fits-href) from the VOTable fixtures.
describe('FITS files decode to the same cells as their VOTable twins', () => {
  const twins: [fits: string, votable: string][] = [
    ['stilts-loop-basic.fits', 'stilts-loop-tabledata.vot'],
    ['stilts-loop-plus.fits', 'stilts-loop-tabledata.vot'],
    ['dachs-stars-basic.fits', 'dachs-stars-td.vot'],
    ['dachs-stars-plus.fits', 'dachs-stars-td.vot'],
    // STIL's column-oriented layout (colfits-basic): one row whose cells are whole columns.
    ['stilts-loop-colfits.fits', 'stilts-loop-tabledata.vot'],
    ['dachs-stars-colfits.fits', 'dachs-stars-td.vot'],
    // Written by DaCHS itself (RESPONSEFORMAT=fits, SELECT TOP 20 * FROM demo.stars).
    ['dachs-stars.fits', 'dachs-stars-td.vot'],
  ];
  for (const [fits, votable] of twins) {
    it(`${fits} has the cells of ${votable}`, () => {
      const expected = votableFixture(votable).tables[0]!;
      const table = fitsFixture(fits).tables[0]!;
      expect(table.serialization).toBe('FITS');
      expect(table.fields.map((f) => f.name)).toEqual(expected.fields.map((f) => f.name));
      expect(table.rowCount).toBe(expected.rowCount);
      expect(cells(table)).toEqual(cells(expected));
    });
  }

  it('keeps the units, UCDs and descriptions of the FITS header (TUNIT, TUCD, TCOMM)', () => {
    const ra = fitsFixture('dachs-stars-basic.fits').tables[0]!.fields[2]!;
    expect(ra).toMatchObject({ name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS)' });
    const dachs = fitsFixture('dachs-stars.fits').tables[0]!.fields;
    expect(dachs[0]).toMatchObject({ name: 'id', datatype: 'int', nullValue: '-2147483648', description: 'Running number 1..50000' });
    expect(dachs[1]).toMatchObject({ name: 'name', datatype: 'char', arraysize: '12' });
  });

  it('takes a fits-plus file\'s document from its VOTable metadata (VOTMETA)', () => {
    const doc = fitsFixture('stilts-loop-plus.fits');
    const table = doc.tables[0]!;
    expect(doc.version).toBe('1.4');
    expect(table.name).toBe('stilts-b2.vot');
    expect(table.fields[0]).toMatchObject({ name: 'i', datatype: 'int', description: 'Loop variable' });
    // The FITS column decides how cells are stored: '5A' is a string of at most 5 characters.
    expect(table.fields[7]).toMatchObject({ name: 'str', datatype: 'char', arraysize: '5' });
  });

  it('reads the FITS serialization inside a VOTable, inline (base64) and by href', async () => {
    for (const [name, twin] of [
      ['stilts-loop-fits-inline.vot', 'stilts-loop-tabledata.vot'],
      ['dachs-stars-fits-inline.vot', 'dachs-stars-td.vot'],
    ] as const) {
      const doc = parseVotable(readFixtureText(name));
      const expected = votableFixture(twin).tables[0]!;
      expect(doc.tables[0]!.serialization).toBe('FITS');
      expect(cells(doc.tables[0]!)).toEqual(cells(expected));
      // The VOTable's FIELDs describe the columns.
      expect(doc.tables[0]!.fields.map((f) => f.description ?? null)).toEqual(expected.fields.map((f) => f.description ?? null));
    }
    const fetched: string[] = [];
    const doc = await parseVotableAsync(readFixtureText('stilts-loop-fits-href.vot'), {
      fetchStream: (href) => {
        fetched.push(href);
        return Promise.resolve(readFixture(href));
      },
    });
    expect(fetched).toEqual(['stilts-loop-fits-href.fits']);
    expect(cells(doc.tables[0]!)).toEqual(cells(votableFixture('stilts-loop-tabledata.vot').tables[0]!));
  });

});

// Written by astropy 5.2 (fixtures/astropy-types.py).
describe('a FITS table with every column type astropy writes', () => {
  const table = fitsFixture('astropy-types.fits').tables[0]!;
  const col = (name: string): Cell[] => {
    const c = table.fields.findIndex((f) => f.name === name);
    expect(c).toBeGreaterThanOrEqual(0);
    return Array.from({ length: table.rowCount }, (_, r) => table.cell(r, c));
  };

  it('reads unsigned integers (TZERO 2^15, 2^31, 2^63) and signed bytes (TZERO -128) exactly', () => {
    expect(col('u16')).toEqual([0, 1, 40000, 65535]);
    expect(col('u32')).toEqual([0, 1, 3000000000, 4294967295]);
    expect(col('u64')).toEqual([0, 1, 2n ** 62n, 2n ** 63n - 1n]);
    expect(col('i8')).toEqual([-128, -1, 0, 127]);
    expect(table.fields.map((f) => f.datatype).slice(0, 4)).toEqual(['int', 'long', 'long', 'short']);
  });

  it('applies TSCAL and TZERO, and TNULL before scaling', () => {
    expect(col('scaled')).toEqual([10, 10.5, null, 20]);
    expect(table.fields[4]).toMatchObject({ datatype: 'double', ucd: 'phot.flux', description: 'a scaled column with a null' });
    expect(col('jnull')).toEqual([1, null, 3, 4]);
  });

  it('reads NaN as null and keeps infinities', () => {
    expect(col('flt')).toEqual([1.5, null, -2.25, Infinity]);
  });

  it('shapes arrays by TDIM, fastest dimension innermost', () => {
    expect(table.fields[7]).toMatchObject({ name: 'grid', datatype: 'float', arraysize: '2x3' });
    expect(col('grid')[1]).toEqual([[6, 7], [8, 9], [10, 11]]);
    expect(col('words')).toEqual([['ab', 'cd'], ['efgh', null], null, ['x', 'y']]);
  });

  it('reads variable-length arrays from the heap (P and Q descriptors)', () => {
    expect(col('varj')).toEqual([[1, 2, 3], null, [7], [-1, -2]]);
    expect(col('vard')).toEqual([[0.5], [1, 2], null, [3, 4, 5]]);
    expect(col('vars')).toEqual(['hello', null, 'a longer string', 'z']);
    expect(table.fields.find((f) => f.name === 'varj')).toMatchObject({ datatype: 'int', arraysize: '3*' });
  });

  it('reads bits, complex numbers and logicals', () => {
    expect(col('bits')).toEqual([
      [true, false, true, false, false],
      [false, false, false, false, true],
      [true, true, true, true, true],
      [false, false, false, false, false],
    ]);
    expect(col('cplx')).toEqual([[1, 2], [-0, -1], [0, 0], [3.5, 0]]);
    expect(col('flag')).toEqual([true, false, true, false]);
  });
});
