import { describe, expect, it } from 'vitest';
import { ServiceReportedError } from '../http/errors';
import { createTransport } from '../http/transport';
import { createUwsClient } from '../uws/client';
import { JOBS, LIST, fakeDachs, votableError } from '../uws/fake-uws-service';
import { JobFollowUpError, submitAsyncQuery, tapAsyncUrl, uploadParameter } from './submit';

function setup(options: Parameters<typeof fakeDachs>[0] = {}) {
  const service = fakeDachs(options);
  const client = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: service.fetch }) });
  const posts = () =>
    service.requests.filter((r) => r.method === 'POST').map((r) => `${r.url.replace(JOBS, '{job}')} ${r.form instanceof URLSearchParams ? r.form.toString() : '[multipart]'}`);
  return { service, client, posts };
}

describe('tapAsyncUrl', () => {
  it('appends /async with or without a trailing slash', () => {
    expect(tapAsyncUrl('http://127.0.0.1:8080/tap')).toBe('http://127.0.0.1:8080/tap/async');
    expect(tapAsyncUrl('http://127.0.0.1:8080/tap/')).toBe('http://127.0.0.1:8080/tap/async');
  });
});

describe('submitAsyncQuery', () => {
  it('creates the job once, then sets the limits the service ignored at creation, then runs it', async () => {
    const { client, posts } = setup();
    const job = await submitAsyncQuery(client, {
      query: 'SELECT TOP 5 * FROM demo.stars',
      maxrec: 5,
      format: 'votable/td',
      runId: 'night-3',
      executionDuration: 120,
      destruction: new Date('2026-11-22T10:00:00.500Z'),
      run: true,
    });
    expect(posts()).toEqual([
      `${LIST} REQUEST=doQuery&LANG=ADQL&QUERY=SELECT+TOP+5+*+FROM+demo.stars&MAXREC=5&RESPONSEFORMAT=votable%2Ftd&RUNID=night-3&EXECUTIONDURATION=120&DESTRUCTION=2026-11-22T10%3A00%3A00Z`,
      '{job}/job1/executionduration EXECUTIONDURATION=120',
      '{job}/job1/destruction DESTRUCTION=2026-11-22T10%3A00%3A00Z',
      '{job}/job1/phase PHASE=RUN',
    ]);
    expect(job).toMatchObject({ phase: 'EXECUTING', executionDuration: 120, url: `${JOBS}/job1` });
    expect(job.destruction?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('leaves a job PENDING and sets nothing when nothing was asked', async () => {
    const { client, posts } = setup();
    const job = await submitAsyncQuery(client, { query: 'SELECT 1', lang: 'ADQL-2.1' });
    expect(posts()).toEqual([`${LIST} REQUEST=doQuery&LANG=ADQL-2.1&QUERY=SELECT+1`]);
    expect(job.phase).toBe('PENDING');
  });

  it('does not set a limit the created job already holds', async () => {
    const { client, posts } = setup();
    await submitAsyncQuery(client, { query: 'SELECT 1', executionDuration: 3600, destruction: new Date('2026-11-23T19:40:46Z') });
    expect(posts()).toHaveLength(1);
  });

  it('uploads tables as multipart with UPLOAD=name,param:name', async () => {
    const { client, service } = setup();
    const file = new Blob(['<VOTABLE/>'], { type: 'application/x-votable+xml' });
    await submitAsyncQuery(client, { query: 'SELECT * FROM TAP_UPLOAD.mine', uploads: [{ name: 'mine', file }, { name: 'other', file }] });
    const form = service.requests[0]?.form as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get('UPLOAD')).toBe('mine,param:mine;other,param:other');
    expect(form.get('mine')).toBeInstanceOf(Blob);
    expect(form.get('other')).toBeInstanceOf(Blob);
  });

  it('refuses an upload name that is not an ADQL identifier before sending anything', async () => {
    const { client, service } = setup();
    await expect(submitAsyncQuery(client, { query: 'x', uploads: [{ name: 'a,b', file: new Blob(['']) }] })).rejects.toThrow(RangeError);
    expect(service.requests).toHaveLength(0);
  });

  it('keeps the created job on the error when a later step fails', async () => {
    const { client, posts } = setup({ route: (request) => (request.url.endsWith('/executionduration') ? { body: votableError('Field executionDuration: too long') } : undefined) });
    const error = (await submitAsyncQuery(client, { query: 'SELECT 1', executionDuration: 10 ** 9, run: true }).catch((e: unknown) => e)) as JobFollowUpError;
    expect(error).toBeInstanceOf(JobFollowUpError);
    expect(error.job?.url).toBe(`${JOBS}/job1`);
    expect(error.cause).toBeInstanceOf(ServiceReportedError);
    expect(error.message).toMatch(/job1 was created.*too long/);
    expect(posts().filter((line) => line.startsWith(LIST))).toHaveLength(1);
  });

  it('writes the UPLOAD parameter for several tables', () => {
    expect(uploadParameter(['a'])).toBe('a,param:a');
    expect(uploadParameter(['a', 'b'])).toBe('a,param:a;b,param:b');
  });
});
