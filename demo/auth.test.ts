import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from './server.ts';
import { client, infos, xml } from './test-helpers.ts';

let demo: DemoServer;
const { call, createJob, settle } = client(() => demo);
const alice = { Authorization: 'Bearer alice-token' };
const bob = { Authorization: 'Bearer bob-token' };

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    rows: 2000,
    auth: new Map([
      ['alice-token', 'alice'],
      ['bob-token', 'bob'],
    ]),
  });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

test('a missing token gets 401 with WWW-Authenticate: Bearer and an error document', async () => {
  const r = await call('/async');
  expect(r.status).toBe(401);
  expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect(infos(r.text)[0]!.value).toBe('ERROR');
  expect((await call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars' } })).status).toBe(401);
});

test('an unknown token gets 401 invalid_token', async () => {
  const r = await call('/async', { headers: { Authorization: 'Bearer mallory' } });
  expect(r.status).toBe(401);
  expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
});

test('VOSI endpoints and preflights need no token', async () => {
  expect((await call('/availability')).status).toBe(200);
  expect((await call('/capabilities')).text).toContain('ivo://ivoa.net/sso#token');
  expect((await call('/tables')).status).toBe(200);
  const pre = await call('/async', {
    method: 'OPTIONS',
    headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
  });
  expect(pre.status).toBe(204);
});

test('jobs belong to their owner; others get 403 and see only their own jobs', async () => {
  const url = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars', PHASE: 'RUN' }, alice);
  const job = await settle(url, alice);
  expect(job.ownerId).toBe('alice');
  expect((await call(`${url}/owner`, { headers: alice })).text).toBe('alice');
  expect((await call(url, { headers: bob })).status).toBe(403);
  expect((await call(`${url}/results/result`, { headers: bob })).status).toBe(403);
  expect((await call(url, { method: 'DELETE', headers: bob })).status).toBe(403);
  expect((await call(url)).status).toBe(401);
  const bobs = await createJob({ QUERY: 'SELECT TOP 1 id FROM demo.stars' }, bob);
  const ids = async (headers: Record<string, string>) =>
    (xml.parse((await call('/async', { headers })).text).jobs.jobref ?? []).map((j: Record<string, string>) => j['@id']);
  expect(await ids(alice)).toEqual([url.split('/').pop()]);
  expect(await ids(bob)).toEqual([bobs.split('/').pop()]);
  expect(xml.parse((await call('/async', { headers: alice })).text).jobs.jobref[0].ownerId).toBe('alice');
});

test('sync queries run with a valid token', async () => {
  const r = await call('/sync', { form: { LANG: 'ADQL', QUERY: 'SELECT TOP 1 id FROM demo.stars', FORMAT: 'csv' }, headers: bob });
  expect(r.text).toBe('id\r\n1\r\n');
});
