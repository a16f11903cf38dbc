import { describe, expect, it } from 'vitest';
import type { TapSchema } from '../../protocol/tap';
import { MAX_SEARCH_ROWS, adqlName, insertionFor, schemaRows, searchHitRows } from './schema-rows';

/** A VizieR-sized service: 30 000 tables of 10 columns each. */
function manyTables(count: number): TapSchema[] {
  const schemas: TapSchema[] = [];
  for (let s = 0; s < count / 100; s++) {
    const name = `cat${s}`;
    schemas.push({
      name,
      description: '',
      tables: Array.from({ length: 100 }, (_, t) => ({
        name: `${name}.t${t}`,
        schema: name,
        description: `Table ${t} of catalogue ${s}`,
        type: 'table',
        foreignKeys: [],
        columns: Array.from({ length: 10 }, (_, c) => ({
          name: `col${c}`,
          description: c === 3 && s === 123 && t === 45 ? 'Proper motion in right ascension' : `Column ${c}`,
          unit: '',
          ucd: '',
          datatype: 'double',
          indexed: false,
          principal: false,
          primary: false,
        })),
      })),
    });
  }
  return schemas;
}

describe('schemaRows', () => {
  const schemas = manyTables(30_000);

  it('shows only the schemas until one is opened', () => {
    expect(schemaRows(schemas, new Set(), '')).toHaveLength(300);
    const rows = schemaRows(schemas, new Set(['s:cat7', 't:cat7.t2']), '');
    expect(rows).toHaveLength(300 + 100 + 10);
    expect(rows.filter((r) => r.kind === 'column').every((r) => r.kind === 'column' && r.table.name === 'cat7.t2')).toBe(true);
  });

  it('finds a column among 30 000 tables by a word of its description', () => {
    const rows = schemaRows(schemas, new Set(), 'proper motion');
    expect(rows.map((r) => r.key)).toEqual(['t:cat123.t45', 'c:cat123.t45.col3']);
  });

  it('stops a search that matches too much, and says so', () => {
    const rows = schemaRows(schemas, new Set(), 'table');
    expect(rows.length).toBeLessThanOrEqual(MAX_SEARCH_ROWS + 1);
    expect(rows.at(-1)).toMatchObject({ kind: 'note' });
  });

  it('quotes names that are not plain identifiers', () => {
    expect(adqlName('ra')).toBe('ra');
    expect(adqlName('Mag G')).toBe('"Mag G"');
  });
});

describe('insertionFor', () => {
  const table = manyTables(100)[0]!.tables[0]!;
  const column = table.columns![0]!;
  it('qualifies a column by the alias the query gives its table, else by the table', () => {
    expect(insertionFor({ kind: 'column', key: 'c', table, column }, 'SELECT * FROM cat0.t0 AS s WHERE ')).toBe('s.col0');
    expect(insertionFor({ kind: 'column', key: 'c', table, column }, 'SELECT * FROM cat0.t0 WHERE ')).toBe('cat0.t0.col0');
    expect(insertionFor({ kind: 'table', key: 't', table, open: false }, '')).toBe('cat0.t0');
  });
});

describe('search hits from the service', () => {
  const column = (name: string) => ({ name, description: `About ${name}`, unit: 'mas', ucd: '', datatype: 'double', indexed: false, principal: false, primary: false });
  const table = (name: string) => ({ name, schema: name.split('.')[0]!, description: '', type: 'table', columns: null, foreignKeys: [] });

  it('lists each table once, with its matching columns under it, ready to insert', () => {
    const rows = searchHitRows(
      { tables: [table('b.t2')], columns: [{ table: 'a.t1', column: column('pmra') }, { table: 'b.t2', column: column('pmra') }, { table: 'a.t1', column: column('pmdec') }], tablesCut: false, columnsCut: false },
      new Map(),
      new Set(),
    );
    expect(rows.map((r) => r.key)).toEqual(['t:a.t1', 'c:a.t1.pmra', 'c:a.t1.pmdec', 't:b.t2', 'c:b.t2.pmra']);
    expect(insertionFor(rows[1]!, 'SELECT * FROM a.t1 AS x')).toBe('x.pmra');
  });

  it('shows all columns of a hit table that is open and read', () => {
    const known = new Map([['a.t1', { ...table('a.t1'), columns: [column('ra'), column('pmra')] }]]);
    const rows = searchHitRows({ tables: [], columns: [{ table: 'a.t1', column: column('pmra') }], tablesCut: false, columnsCut: false }, known, new Set(['t:a.t1']));
    expect(rows.map((r) => r.key)).toEqual(['t:a.t1', 'c:a.t1.ra', 'c:a.t1.pmra']);
  });
});
