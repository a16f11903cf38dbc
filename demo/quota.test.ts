import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from './server.ts';
import { client, infos } from './test-helpers.ts';

let demo: DemoServer;
const { call, createJob, settle } = client(() => demo);
const alice = { Authorization: 'Bearer alice-token' };
const bob = { Authorization: 'Bearer bob-token' };
const quick = { QUERY: 'SELECT TOP 1 id FROM demo.stars' };

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    rows: 2000,
    maxJobs: 6,
    maxParamBytes: 1024 * 1024,
    auth: new Map([
      ['alice-token', 'alice'],
      ['bob-token', 'bob'],
    ]),
  });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

const owners = () => [...demo.jobs.jobs.values()].map((j) => j.ownerId);

test("one owner filling their share evicts only their own finished jobs, never another owner's", async () => {
  const bobs = await createJob(quick, bob);
  const first = await createJob({ ...quick, PHASE: 'RUN' }, alice);
  await settle(first, alice);
  for (let i = 0; i < 2; i++) await createJob(quick, alice);
  // Alice holds her share (3 of 6): her next job makes room by deleting her oldest finished one.
  await createJob(quick, alice);
  expect((await call(first, { headers: alice })).status).toBe(404);
  expect((await call(bobs, { headers: bob })).status).toBe(200);
  // Now all of her jobs are active: she is told to wait, and Bob can still create jobs.
  const refused = await call('/async', { form: { LANG: 'ADQL', ...quick }, headers: alice });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('10');
  expect(infos(refused.text)[0]).toMatchObject({ name: 'QUERY_STATUS', value: 'ERROR' });
  expect(infos(refused.text)[0]!.text).toMatch(/you have 3, the most kept per user is 3/);
  await createJob(quick, bob);
  expect(owners().filter((o) => o === 'bob')).toHaveLength(2);
  for (const j of [...demo.jobs.jobs.values()]) demo.jobs.destroy(j);
}, 60_000);

test('the parameters jobs hold are bounded, each owner getting an equal share of the total', async () => {
  const big = 'x'.repeat(300 * 1024);
  const query = `SELECT TOP 1 id FROM demo.stars WHERE designation <> '${big}'`;
  await createJob({ QUERY: query }, alice);
  const second = await call('/async', { form: { LANG: 'ADQL', QUERY: query }, headers: alice });
  expect(second.status).toBe(429);
  expect(infos(second.text)[0]!.text).toMatch(/parameters and uploads of your jobs hold 0\.3 MiB, the most kept per user is 0\.5 MiB/);
  await createJob({ QUERY: query }, bob);
  const tooBig = await call('/async', { form: { LANG: 'ADQL', QUERY: `${query}${big}` }, headers: bob });
  expect(tooBig.status).toBe(413);
  // Changing a PENDING job's parameters counts too.
  const small = await createJob(quick, alice);
  const grow = await call(`${small}/parameters`, { form: { QUERY: query }, headers: alice });
  expect(grow.status).toBe(429);
  expect((await call(`${small}/parameters`, { headers: alice })).text).toContain('SELECT TOP 1 id FROM demo.stars</');
}, 60_000);
