import { describe, expect, it } from 'vitest';
import dachsB2 from './fixtures/dachs-stars-b2.vot?raw';
import dachsBinary from './fixtures/dachs-stars-binary.vot?raw';
import dachsTd from './fixtures/dachs-stars-td.vot?raw';
import stiltsBinary from './fixtures/stilts-loop-binary.vot?raw';
import stiltsBinary2 from './fixtures/stilts-loop-binary2.vot?raw';
import stiltsTabledata from './fixtures/stilts-loop-tabledata.vot?raw';
import { parseVotable } from './parse-votable';
import type { Cell, VoTableTable } from './types';

const FILES: Record<string, string> = {
  'dachs-stars-td.vot': dachsTd,
  'dachs-stars-binary.vot': dachsBinary,
  'dachs-stars-b2.vot': dachsB2,
  'stilts-loop-tabledata.vot': stiltsTabledata,
  'stilts-loop-binary.vot': stiltsBinary,
  'stilts-loop-binary2.vot': stiltsBinary2,
};
const load = (name: string) => parseVotable(new TextEncoder().encode(FILES[name]!));

function cells(t: VoTableTable): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.fields.map((_, c) => t.cell(r, c)));
  return out;
}

describe('files written by DaCHS (SELECT TOP 20 * FROM demo.stars)', () => {
  const docs = (['td', 'binary', 'b2'] as const).map((s) => load(`dachs-stars-${s}.vot`));

  it('decode to the same cells in TABLEDATA, BINARY and BINARY2', () => {
    expect(docs.map((d) => d.tables[0]!.serialization)).toEqual(['TABLEDATA', 'BINARY', 'BINARY2']);
    const [td, bin, b2] = docs.map((d) => cells(d.tables[0]!));
    expect(td).toHaveLength(20);
    expect(bin).toEqual(td);
    expect(b2).toEqual(td);
  });

  it('give the first row exactly (float mag as its float32 value)', () => {
    const t = docs[2]!.tables[0]!;
    expect(t.fields.map((f) => f.name)).toEqual(['id', 'name', 'ra', 'dec', 'mag']);
    expect(cells(t)[0]).toEqual([24963, 'DEMO J024963', 315.21961203239727, 36.040806943032216, Math.fround(14.922)]);
  });

  it('expose the header: query status, INFOs, field metadata', () => {
    const doc = docs[0]!;
    expect(doc.version).toBe('1.4');
    expect(doc.queryStatus).toEqual({ status: 'OK', message: 'Query successful' });
    expect(doc.resources[0]!.infos.find((i) => i.name === 'query')?.value).toBe('SELECT TOP 20 * FROM demo.stars');
    const ra = doc.tables[0]!.fields[2]!;
    expect(ra).toMatchObject({ name: 'ra', id: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension (ICRS)' });
    expect(doc.tables[0]!.fields[0]!.nullValue).toBe('-2147483648');
  });
});

describe('files written by STILTS (tpipe :loop:6 with computed columns)', () => {
  const docs = (['tabledata', 'binary', 'binary2'] as const).map((s) => load(`stilts-loop-${s}.vot`));
  // The expressions the files were made with, evaluated here.
  const expected: Cell[][] = [0, 1, 2, 3, 4, 5].map((i) => [
    i,
    i % 2 === 0,
    i === 0 ? 0 : -1000 * i,
    i === 3 ? null : 7 * i,
    i * 1234567890123456,
    Math.fround(i * 0.1),
    i === 2 ? null : i * 0.1,
    i === 4 ? null : `row ${i}`,
    [i * 0.5, i * 1.5, i === 0 ? 0 : -i],
    i,
  ]);

  for (const [k, name] of ['TABLEDATA', 'BINARY', 'BINARY2'].entries()) {
    it(`decode from ${name} to the values of the generating expressions`, () => {
      const t = docs[k]!.tables[0]!;
      expect(t.serialization).toBe(name);
      expect(t.declaredRows).toBe(6);
      expect(cells(t)).toEqual(expected);
    });
  }
});
