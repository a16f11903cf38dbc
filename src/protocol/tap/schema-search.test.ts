import { describe, expect, it } from 'vitest';
import { createTransport } from '../http/transport';
import { fakeTapSchemaService, type FakeRow } from './fake-tap-schema';
import { searchTapSchema, wordsCondition } from './schema-search';

const TAP = 'http://tap.example/tap';
const tables: FakeRow[] = Array.from({ length: 300 }, (_, i) => ({
  schema_name: 'cat',
  table_name: `cat.t${String(i).padStart(3, '0')}`,
  table_type: 'table',
  description: i % 2 ? 'Radio sources of a survey' : 'Galaxy redshifts',
}));
const columns: FakeRow[] = [
  { table_name: 'cat.t001', column_name: 'plx', datatype: 'double', unit: 'mas', ucd: 'pos.parallax', description: 'Trigonometric Parallax', principal: 1, indexed: 0 },
  { table_name: 'cat.t002', column_name: 'parallax_error', datatype: 'double', unit: 'mas', ucd: 'stat.error', description: 'Uncertainty', principal: 0, indexed: 0 },
  { table_name: 'cat.t003', column_name: 'mag_v', datatype: 'double', unit: 'mag', ucd: 'phot.mag', description: 'V magnitude', principal: 0, indexed: 0 },
  { table_name: 'cat.t004', column_name: 'magxv', datatype: 'double', unit: 'mag', ucd: 'phot.mag', description: 'Not it', principal: 0, indexed: 0 },
];

describe('searching a large service on the service', () => {
  it('finds columns by a word of their description or name, whatever its case', async () => {
    const fake = fakeTapSchemaService({ tables: { tables, columns } });
    const hits = await searchTapSchema(TAP, createTransport({ fetch: fake.fetch }), 'PARALLAX');
    expect(hits.columns.map((h) => `${h.table}.${h.column.name}`)).toEqual(['cat.t001.plx', 'cat.t002.parallax_error']);
    expect(hits.columns[0]!.column).toMatchObject({ unit: 'mas', ucd: 'pos.parallax', principal: true });
    expect(hits.tables).toEqual([]);
    expect(hits.columnsCut).toBe(false);
  });

  it('says when more tables match than it shows', async () => {
    const fake = fakeTapSchemaService({ tables: { tables, columns } });
    const hits = await searchTapSchema(TAP, createTransport({ fetch: fake.fetch }), 'radio', { limit: 100 });
    expect(hits.tables).toHaveLength(100);
    expect(hits.tablesCut).toBe(true);
    expect(hits.tables[0]).toMatchObject({ name: 'cat.t001', schema: 'cat', columns: null });
  });

  it('needs every word, and takes _ in a search literally', async () => {
    const fake = fakeTapSchemaService({ tables: { tables, columns } });
    const hits = await searchTapSchema(TAP, createTransport({ fetch: fake.fetch }), 'mag_v');
    expect(hits.columns.map((h) => h.column.name)).toEqual(['mag_v']);
    const both = await searchTapSchema(TAP, createTransport({ fetch: fake.fetch }), 'galaxy redshifts');
    expect(both.tables.every((t) => t.description === 'Galaxy redshifts')).toBe(true);
  });

  it('sends a quote in the search as part of an ADQL string', () => {
    expect(wordsCondition(["o'brien"], ['description'])).toBe("(LOWER(description) LIKE '%o''brien%')");
  });

  it('asks nothing for an empty search', async () => {
    const fake = fakeTapSchemaService({ tables: { tables, columns } });
    await searchTapSchema(TAP, createTransport({ fetch: fake.fetch }), '   ');
    expect(fake.requests).toHaveLength(0);
  });
});
