import { describe, expect, it } from 'vitest';
import { ServiceReportedError } from '../http/errors';
import { createTransport } from '../http/transport';
import { fakeTapSchemaService, type FakeRow } from './fake-tap-schema';
import { getTapSchemaTable, getTapSchemaTableset } from './tap-schema';

const TAP = 'http://tap.example/tap';

const schemas: FakeRow[] = [{ schema_name: 'demo', description: 'Demo   tables' }];
const tables: FakeRow[] = [
  { schema_name: 'demo', table_name: 'demo.stars', table_type: 'table', description: 'Synthetic stars' },
  { schema_name: 'demo', table_name: 'demo.images', table_type: 'view', description: 'Images of some stars' },
  { schema_name: 'ivoa', table_name: 'ivoa.obscore', table_type: 'table', description: 'ObsCore' },
];
const columns: FakeRow[] = [
  { table_name: 'demo.stars', column_name: 'ra', datatype: 'double', arraysize: null, unit: 'deg', ucd: 'pos.eq.ra;meta.main', description: 'Right ascension', principal: 1, indexed: 1, column_index: 2 },
  { table_name: 'demo.stars', column_name: 'id', datatype: 'long', arraysize: null, unit: null, ucd: 'meta.id', description: 'Identifier', principal: 1, indexed: 0, column_index: 1 },
  { table_name: 'demo.stars', column_name: 'name', datatype: 'char', arraysize: '*', unit: null, ucd: 'meta.id', description: 'Designation', principal: 0, indexed: 0, column_index: 3 },
  { table_name: 'demo.images', column_name: 'star_id', datatype: 'long', arraysize: null, unit: null, ucd: 'meta.id', description: 'The star shown', principal: 1, indexed: 1, column_index: 1 },
];
const keys: FakeRow[] = [{ key_id: 'k1', from_table: 'demo.images', target_table: 'demo.stars', description: 'Each image shows a star' }];
const keyColumns: FakeRow[] = [{ key_id: 'k1', from_column: 'star_id', target_column: 'id' }];
const all = { schemas, tables, columns, keys, key_columns: keyColumns };

const transportFor = (fetch: typeof globalThis.fetch) => createTransport({ fetch });

describe('the schema from TAP_SCHEMA', () => {
  it('gives schemas, tables, ordered columns with their types and flags, and foreign keys, as /tables would', async () => {
    const fake = fakeTapSchemaService({ tables: all });
    const { schemas: read, truncated } = await getTapSchemaTableset(TAP, transportFor(fake.fetch));
    expect(truncated).toBe(false);
    expect(read.map((s) => [s.name, s.description, s.tables.length])).toEqual([
      ['demo', 'Demo tables', 2],
      ['ivoa', '', 1],
    ]);
    const stars = read[0]!.tables.find((t) => t.name === 'demo.stars')!;
    expect(stars.columns!.map((c) => c.name)).toEqual(['id', 'ra', 'name']);
    expect(stars.columns![1]).toMatchObject({ datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra;meta.main', indexed: true, principal: true });
    expect(stars.columns![2]!.datatype).toBe('char(*)');
    const images = read[0]!.tables.find((t) => t.name === 'demo.images')!;
    expect(images.type).toBe('view');
    expect(images.foreignKeys).toEqual([{ targetTable: 'demo.stars', columns: [{ from: 'star_id', target: 'id' }], description: 'Each image shows a star' }]);
    expect(read[1]!.tables[0]!.columns).toEqual([]);
    expect(fake.requests.every((r) => r.url === `${TAP}/sync` && r.form?.get('REQUEST') === 'doQuery' && r.form?.get('LANG') === 'ADQL')).toBe(true);
  });

  it('leaves the columns of a large service to be read one table at a time', async () => {
    const fake = fakeTapSchemaService({ tables: all });
    const { schemas: read } = await getTapSchemaTableset(TAP, transportFor(fake.fetch), { columnsUpTo: 2 });
    expect(read.flatMap((s) => s.tables).every((t) => t.columns === null)).toBe(true);
    expect(fake.requests.some((r) => /TAP_SCHEMA\.columns/.test(String(r.form?.get('QUERY'))))).toBe(false);
    const images = await getTapSchemaTable(TAP, transportFor(fake.fetch), read[0]!.tables.find((t) => t.name === 'demo.images')!);
    expect(images).toMatchObject({ name: 'demo.images', type: 'view', description: 'Images of some stars', columns: [{ name: 'star_id', indexed: true }] });
    expect(images.foreignKeys[0]).toMatchObject({ targetTable: 'demo.stars', columns: [{ from: 'star_id', target: 'id' }] });
  });

  it('pages through a table list that the service cuts at its limit', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ schema_name: 's', table_name: `s.t${String(i).padStart(2, '0')}`, table_type: 'table', description: '' }));
    const fake = fakeTapSchemaService({ tables: { tables: many }, hardLimit: 10 });
    const { schemas: read, truncated } = await getTapSchemaTableset(TAP, transportFor(fake.fetch), { columnsUpTo: 0 });
    expect(read[0]!.tables.map((t) => t.name)).toEqual(many.map((t) => t.table_name));
    expect(truncated).toBe(false);
    expect(fake.requests.map((r) => /OFFSET (\d+)/.exec(String(r.form?.get('QUERY')))?.[1]).filter(Boolean)).toEqual(['10', '20']);
  });

  it('keeps the tables it got, and says the list is cut, when the service cannot page', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ schema_name: 's', table_name: `s.t${i}`, table_type: 'table', description: '' }));
    const fake = fakeTapSchemaService({ tables: { tables: many }, hardLimit: 10, noOffset: true });
    const { schemas: read, truncated } = await getTapSchemaTableset(TAP, transportFor(fake.fetch), { columnsUpTo: 0 });
    expect(read[0]!.tables).toHaveLength(10);
    expect(truncated).toBe(true);
  });

  it('passes on the service’s own error when TAP_SCHEMA cannot be read', async () => {
    const fake = fakeTapSchemaService({ tables: {} });
    await expect(getTapSchemaTableset(TAP, transportFor(fake.fetch))).rejects.toBeInstanceOf(ServiceReportedError);
  });

  it('quotes a hostile table name as an ADQL string', async () => {
    const fake = fakeTapSchemaService({ tables: all });
    await getTapSchemaTable(TAP, transportFor(fake.fetch), { name: "x' OR '1'='1", schema: 'x' });
    expect(String(fake.requests[0]!.form?.get('QUERY'))).toBe("SELECT * FROM TAP_SCHEMA.columns WHERE table_name = 'x'' OR ''1''=''1'");
  });
});
