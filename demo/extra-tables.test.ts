import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogueWith, extraTables } from './extra-tables.ts';
import { startDemoServer, type DemoServer } from './server.ts';
import { client, fields, tableRows, xml } from './test-helpers.ts';
import { tablesXml } from './vosi.ts';

describe('synthetic tables', () => {
  test('30 000 tables have distinct names, descriptions, and columns with units or UCDs', () => {
    const { tables, schemas } = extraTables(30_000);
    expect(tables).toHaveLength(30_000);
    expect(new Set(tables.map((t) => t.name.toLowerCase())).size).toBe(30_000);
    expect(schemas.map((s) => s.name)).toContain('galaxies');
    for (const t of tables.slice(0, 200)) {
      expect(t.description).toMatch(/ of [\d,]+ .+, survey \d{5} \(\d{4}\); a synthetic table that holds no rows\.$/);
      expect(t.columns.length).toBeGreaterThanOrEqual(6);
      for (const c of t.columns) expect(c.ucd).toBeTruthy();
    }
    expect(extraTables(30_000)).toBe(extraTables(30_000));
  });

  test('the minimal table set lists every table without columns', () => {
    const doc = tablesXml(false, undefined, catalogueWith(30_000));
    expect(doc.match(/<table /g)).toHaveLength(30_000 + catalogueWith(0).tables.length);
    expect(doc).not.toContain('<column');
  });
});

describe('a service with extra tables', () => {
  let demo: DemoServer;
  const { call, sync } = client(() => demo);
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0, rows: 2000, extraTables: 1200 });
  }, 240_000);
  afterAll(async () => {
    await demo?.close();
  });

  test('/tables of a large set defaults to names only; detail=max and /tables/<name> give the columns', async () => {
    const plain = await call('/tables');
    expect(plain.text).not.toContain('<column');
    expect(plain.text.match(/<table /g)).toHaveLength(1200 + catalogueWith(0).tables.length);
    expect((await call('/tables?detail=min')).text).toBe(plain.text);
    expect((await call('/tables?detail=max')).text.match(/<column/g)!.length).toBeGreaterThan(7000);
    const one = await call('/tables/galaxies.photometry_00001');
    const table = xml.parse(one.text).table;
    expect(table.name).toBe('galaxies.photometry_00001');
    expect(table.column.map((c: { name: string }) => c.name)).toEqual(['id', 'ra', 'dec', 'mag_b', 'mag_v', 'mag_r', 'mag_k', 'e_mag_v']);
    expect(table.column[4]).toMatchObject({ unit: 'mag', ucd: 'phot.mag;em.opt.V' });
  });

  test('TAP_SCHEMA describes them, so they can be searched by description', async () => {
    const r = await sync({
      QUERY: "SELECT table_name FROM TAP_SCHEMA.tables WHERE description LIKE '%radio sources%' ORDER BY table_name",
      FORMAT: 'csv',
    });
    const names = r.text.trim().split('\r\n').slice(1);
    expect(names).toHaveLength(100);
    expect(names[0]).toBe('radio.catalogue_00092');
    const cols = await sync({ QUERY: "SELECT unit, ucd FROM TAP_SCHEMA.columns WHERE table_name = 'radio.fluxes_00056' AND column_name = 'flux_1400'" });
    expect(tableRows(cols.text)).toEqual([['mJy', 'phot.flux.density;em.radio.750-1500MHz']]);
  });

  test('querying one gives no rows and the published columns', async () => {
    const r = await sync({ QUERY: 'SELECT p.id, p.flux_1400 FROM radio.fluxes_00056 AS p JOIN demo.stars AS s ON s.id = p.id' });
    expect(r.status).toBe(200);
    expect(tableRows(r.text)).toEqual([]);
    expect(fields(r.text).map((f) => [f['@name'], f['@unit']])).toEqual([
      ['id', undefined],
      ['flux_1400', 'mJy'],
    ]);
  });
});
