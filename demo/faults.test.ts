import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer, type FaultKind } from './server.ts';
import { client, infos } from './test-helpers.ts';

let demo: DemoServer;
let nextFault: FaultKind | undefined;
const { call } = client(() => demo);
const create = { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars', PHASE: 'RUN' } };

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, rows: 2000, cors: false, waitCapSeconds: 1, faultPicker: () => nextFault });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

test('a 500 fault answers with an error document and creates no job', async () => {
  nextFault = '500';
  const r = await call('/async', create);
  expect(r.status).toBe(500);
  expect(infos(r.text)[0]!.value).toBe('ERROR');
  expect(demo.jobs.jobs.size).toBe(0);
});

test('a 503 fault says when to retry and creates no job', async () => {
  nextFault = '503';
  const r = await call('/async', create);
  expect(r.status).toBe(503);
  expect(r.headers.get('retry-after')).toBe('1');
  expect(demo.jobs.jobs.size).toBe(0);
});

test('a dropped connection creates no job', async () => {
  nextFault = 'drop';
  await expect(call('/async', create)).rejects.toThrow();
  expect(demo.jobs.jobs.size).toBe(0);
});

test('a slow answer still creates exactly one job', async () => {
  nextFault = 'slow';
  const t0 = Date.now();
  const r = await call('/async', create);
  expect(r.status).toBe(303);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
  expect(demo.jobs.jobs.size).toBe(1);
});

test('availability is never faulted', async () => {
  for (const f of ['500', '503', 'drop'] as const) {
    nextFault = f;
    expect((await call('/availability')).status).toBe(200);
  }
});

test('with --faults 1 every request except availability is faulted', async () => {
  const other = await startDemoServer({ port: 0, rows: 2000, faults: 1 });
  try {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const t0 = Date.now();
        const status = await fetch(`${other.url}/capabilities`).then(
          (r) => r.status,
          () => 0,
        );
        return { status, ms: Date.now() - t0 };
      }),
    );
    for (const o of outcomes) {
      const faulted = [500, 503, 0].includes(o.status) || (o.status === 200 && o.ms >= 1400);
      expect(faulted, JSON.stringify(o)).toBe(true);
    }
    expect((await fetch(`${other.url}/availability`)).status).toBe(200);
  } finally {
    await other.close();
  }
}, 120_000);

test('--no-cors sends no CORS headers, not even to loopback origins or preflights', async () => {
  nextFault = undefined;
  const r = await call('/async/none', { headers: { Origin: 'http://127.0.0.1:5173' } });
  expect(r.status).toBe(404);
  expect(r.headers.get('access-control-allow-origin')).toBeNull();
  expect(r.headers.get('vary')).toBeNull();
  const pre = await call('/async', { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'DELETE' } });
  expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  expect(pre.headers.get('access-control-allow-methods')).toBeNull();
});

test('WAIT is capped', async () => {
  nextFault = undefined;
  const created = await call('/async', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars' } });
  const t0 = Date.now();
  const r = await call(`${created.location}?WAIT=600`);
  expect(r.status).toBe(200);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  expect(Date.now() - t0).toBeLessThan(5000);
});

test('with --fail-every-other, every second request of each class gets a bare 503 and changes nothing', async () => {
  const other = await startDemoServer({ port: 0, rows: 2000, cors: false, failEveryOther: true });
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${other.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
  try {
    // UWS class: 1st passes, 2nd fails, ...
    const created = await post('/async', { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars' });
    expect(created.status).toBe(303);
    const jobUrl = new URL(created.headers.get('location')!, other.url).toString();
    const read = await fetch(jobUrl);
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await read.text()).toMatch(/^Service temporarily unavailable/);
    // A failed creation creates no job.
    expect((await post('/async', { LANG: 'ADQL', QUERY: 'SELECT TOP 2 id FROM demo.stars' })).status).toBe(303);
    expect((await post('/async', { LANG: 'ADQL', QUERY: 'SELECT TOP 3 id FROM demo.stars' })).status).toBe(503);
    expect(other.jobs.jobs.size).toBe(2);
    // The other classes count on their own; availability is never failed nor counted.
    expect((await fetch(`${other.url}/availability`)).status).toBe(200);
    expect((await fetch(`${other.url}/capabilities`)).status).toBe(200);
    expect((await fetch(`${other.url}/availability`)).status).toBe(200);
    expect((await fetch(`${other.url}/capabilities`)).status).toBe(503);
    expect((await fetch(`${other.url}/tables`)).status).toBe(200);
    expect((await fetch(`${other.url}/async`)).status).toBe(200);
    expect((await fetch(`${other.url}/async`)).status).toBe(503);
  } finally {
    await other.close();
  }
}, 120_000);
