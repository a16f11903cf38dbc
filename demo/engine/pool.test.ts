import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EnginePool } from './pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'pool-test-'));
const pools: EnginePool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

test('services starting together build the database image once and share it', async () => {
  const a = new EnginePool({ rows: 300, cacheDir: dir }, 2);
  const b = new EnginePool({ rows: 300, cacheDir: dir }, 2);
  pools.push(a, b);
  await Promise.all([a.start(), b.start()]);
  const sources = [...a.startups, ...b.startups].map((s) => s.source).sort();
  expect(sources).toEqual(['built', 'cache']);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tar'))).toHaveLength(1);
  expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toHaveLength(0);
}, 240_000);

test('a cancelled query stops its thread, and a fresh thread serves the next query', async () => {
  const pool = pools[0]!;
  const out = join(dir, 'out.csv');
  const slow = pool.run({ sql: 'SELECT demo_sleep(60) AS c0', columns: [], format: 'csv', maxrec: 10, maxBytes: 1e9, outPath: out, query: '', uploads: [] });
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  slow.cancel('stop');
  expect(await slow.result).toEqual({ ok: false, message: 'stop', cancelled: true });
  const next = await pool.run({ sql: 'SELECT 42 AS c0', columns: [], format: 'csv', maxrec: 10, maxBytes: 1e9, outPath: out, query: '', uploads: [] }).result;
  expect(next.ok).toBe(true);
  expect(readFileSync(out, 'utf8')).toBe('c0\r\n42\r\n');
  expect(Date.now() - t0).toBeLessThan(60_000);
}, 120_000);

test('a result stops growing beyond its byte limit and is marked as overflowed', async () => {
  const out = join(dir, 'big.csv');
  const r = await pools[0]!.run({ sql: 'SELECT n AS c0 FROM demo.numbers', columns: [], format: 'csv', maxrec: 2_000_000, maxBytes: 10_000, outPath: out, query: '', uploads: [] }).result;
  expect(r).toMatchObject({ ok: true, overflow: true, rowCount: 5000 });
}, 60_000);
