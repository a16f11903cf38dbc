import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from './server.ts';
import { client, infos } from './test-helpers.ts';

let demo: DemoServer;
const { call, createJob, settle } = client(() => demo);

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, rows: 2000, maxRunning: 1, maxSync: 1, syncQueue: 2 });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

const sleepy = (seconds: number) => ({ LANG: 'ADQL', QUERY: `SELECT TOP 1 demo_sleep(${seconds}) AS s FROM demo.stars`, FORMAT: 'csv' });
const idle = async () => {
  const deadline = Date.now() + 30_000;
  while ((demo.pool.busyCount > 0 || demo.jobs.executingCount > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
};

test('sync queries beyond those running and waiting get 503 with Retry-After and a DALI error', async () => {
  const answers = await Promise.all(Array.from({ length: 6 }, () => call('/sync', { form: sleepy(1) })));
  const ok = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 503);
  expect(ok).toHaveLength(3);
  expect(refused).toHaveLength(3);
  expect(refused[0]!.headers.get('retry-after')).toBe('5');
  expect(infos(refused[0]!.text)[0]).toMatchObject({ name: 'QUERY_STATUS', value: 'ERROR' });
  expect(infos(refused[0]!.text)[0]!.text).toMatch(/busy.*use \/async/);
  await idle();
}, 60_000);

test('an async job does not wait behind sync queries, and its clock does not run while it waits', async () => {
  const syncs = Array.from({ length: 4 }, () => call('/sync', { form: sleepy(3) }));
  await new Promise((r) => setTimeout(r, 300));
  const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars', EXECUTIONDURATION: '2', PHASE: 'RUN' });
  const job = await settle(url);
  expect(job.phase).toBe('COMPLETED');
  const statuses = (await Promise.all(syncs)).map((s) => s.status).sort();
  expect(statuses).toEqual([200, 200, 200, 503]);
  await idle();
}, 60_000);

test('clients that leave streaming sync queries do not make the service start a thread each', async () => {
  await idle();
  const before = demo.pool.spawnCount;
  const leaving = [];
  for (let i = 0; i < 30; i++) {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    leaving.push(
      call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT n FROM demo.numbers', MAXREC: '1000000' }, signal: ac.signal }).catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(leaving);
  await idle();
  expect(demo.pool.spawnCount - before).toBeLessThanOrEqual(2);
  const after = await call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars', FORMAT: 'csv' } });
  expect(after.text).toBe('id\r\n1\r\n');
}, 90_000);
