import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { translate } from './adql/to-sql.ts';
import { DEFAULT_ROWS, tables } from './catalogue.ts';
import { EnginePool } from './engine/pool.ts';
import { defaultCacheDir } from './server.ts';

let pool: EnginePool;
const out = join(tmpdir(), `catalogue-test-${process.pid}.csv`);

beforeAll(async () => {
  pool = new EnginePool({ rows: DEFAULT_ROWS, cacheDir: defaultCacheDir }, 1);
  await pool.start();
}, 300_000);
afterAll(async () => {
  await pool?.close();
  rmSync(out, { force: true });
});

async function csv(adql: string): Promise<string[][]> {
  const tr = translate(adql, { tables, limit: 1001 });
  const r = await pool.run({ sql: tr.sql, columns: tr.columns, format: 'csv', maxrec: 1000, maxBytes: 1e9, outPath: out, query: adql, uploads: [] }).result;
  if (!r.ok) throw new Error(r.message);
  return readFileSync(out, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
}

test('the default catalogue holds 100 000 stars with real nulls in rv', async () => {
  const [row] = await csv('SELECT COUNT(*) AS n, COUNT(rv) AS with_rv, MIN(ra), MAX(ra), MIN(dec), MAX(dec) FROM demo.stars');
  const [n, withRv, minRa, maxRa, minDec, maxDec] = row!.map(Number);
  expect(n).toBe(100_000);
  expect(withRv).toBeGreaterThan(10_000);
  expect(withRv).toBeLessThan(30_000);
  expect(minRa).toBeGreaterThanOrEqual(0);
  expect(maxRa).toBeLessThan(360);
  expect(minDec).toBeGreaterThanOrEqual(-90);
  expect(maxDec).toBeLessThanOrEqual(90);
}, 60_000);

test('the catalogue is deterministic', async () => {
  const rows = await csv('SELECT id, designation, ra, dec, mag, flag FROM demo.stars WHERE id IN (1, 99999) ORDER BY id');
  expect(rows[0]).toEqual(['1', 'DEMO J000001', '103.1334824', '85.6228594', expect.any(String), expect.any(String)]);
  expect(rows[1]![1]).toBe('DEMO J099999');
});

test('TAP_SCHEMA describes every published column', async () => {
  const rows = await csv("SELECT table_name, column_name FROM TAP_SCHEMA.columns WHERE table_name = 'demo.stars' ORDER BY column_index");
  const stars = tables.find((t) => t.name === 'demo.stars')!;
  expect(rows.map((r) => r[1])).toEqual(stars.columns.map((c) => c.name));
  const units = await csv("SELECT unit, ucd FROM TAP_SCHEMA.columns WHERE table_name = 'demo.stars' AND column_name = 'parallax'");
  expect(units).toEqual([['mas', 'pos.parallax.trig']]);
});
