import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, ProtocolError, ServerError, ServiceReportedError } from '../http/errors';
import { fakeFetch, type FakeReply, type RecordedRequest } from '../http/fake-fetch';
import { JOBS, LIST, ORIGIN, fakeDachs, votableError } from './fake-uws-service';
import { createTransport } from '../http/transport';
import { createUwsClient, type UwsClient } from './client';

const TOKEN = 'tok-3f9a-very-secret';

function clientFor(service: { fetch: typeof fetch }, credential: 'none' | 'bearer' = 'none'): UwsClient {
  const transport = createTransport({
    fetch: service.fetch,
    serviceUrl: `${ORIGIN}/tap`,
    credential: credential === 'bearer' ? { kind: 'bearer', token: TOKEN } : { kind: 'none' },
  });
  return createUwsClient({ listUrl: LIST, transport });
}

const lines = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.url}${r.form ? ` ${r.form instanceof URLSearchParams ? r.form.toString() : '[multipart]'}` : ''}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('createJob', () => {
  it('follows the 303 and takes the job URL from response.url, outside the list URL', async () => {
    const service = fakeDachs();
    const job = await clientFor(service).createJob({ LANG: 'ADQL', QUERY: 'SELECT 1', MAXREC: 10, SKIPPED: undefined });
    expect(job.url).toBe(`${JOBS}/job1`);
    expect(job.phase).toBe('PENDING');
    expect(lines(service.requests)).toEqual([`POST ${LIST} LANG=ADQL&QUERY=SELECT+1&MAXREC=10`, `GET ${JOBS}/job1`]);
  });

  it('sends uploads as multipart with the other parameters', async () => {
    const service = fakeDachs();
    const file = new Blob(['<VOTABLE/>'], { type: 'application/x-votable+xml' });
    await clientFor(service).createJob({ UPLOAD: 't1,param:t1', QUERY: 'SELECT * FROM TAP_UPLOAD.t1' }, { files: { t1: file } });
    const form = service.requests[0]?.form;
    expect(form).toBeInstanceOf(FormData);
    expect((form as FormData).get('UPLOAD')).toBe('t1,param:t1');
    expect((form as FormData).get('t1')).toBeInstanceOf(Blob);
  });

  it('is never retried, even after a server error', async () => {
    const service = fakeDachs({ route: (request) => (request.method === 'POST' ? { status: 503, body: 'busy' } : undefined) });
    await expect(clientFor(service).createJob({ QUERY: 'SELECT 1' })).rejects.toBeInstanceOf(ServerError);
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('raises a VOTable error that arrives with HTTP 200 after the redirect', async () => {
    const service = fakeDachs({
      route: (request): FakeReply | undefined => {
        if (request.method === 'POST' && request.url === LIST) return { status: 303, headers: { location: `${JOBS}/refused` } };
        if (request.url === `${JOBS}/refused`) return { status: 200, body: votableError('Upload limit exceeded'), headers: { 'content-type': 'text/xml' } };
        return undefined;
      },
    });
    const error = await clientFor(service).createJob({ QUERY: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceReportedError);
    expect((error as ServiceReportedError).serviceMessage).toBe('Upload limit exceeded');
  });

  it('reports a lost answer to the create POST as a failed POST, so the job may exist', async () => {
    const transport = createTransport({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = (await createUwsClient({ listUrl: LIST, transport }).createJob({ QUERY: 'x' }).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.method).toBe('POST');
    expect(error.url).toBe(LIST);
  });

  it('rejects an HTML answer with a ProtocolError that has status and content type', async () => {
    const service = fakeDachs({ route: () => ({ status: 200, body: '<html><head><title>Login</title></head></html>', headers: { 'content-type': 'text/html' } }) });
    const error = (await clientFor(service).createJob({ QUERY: 'x' }).catch((e: unknown) => e)) as ProtocolError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.status).toBe(200);
    expect(error.contentType).toBe('text/html');
    expect(error.message).toMatch(/HTML page titled "Login"/);
  });
});

describe('job actions', () => {
  it('runs a job with PHASE=RUN and returns the followed job document', async () => {
    const service = fakeDachs();
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'SELECT 1' });
    service.requests.length = 0;
    const job = await client.runJob(created.url);
    expect(job.phase).toBe('EXECUTING');
    expect(lines(service.requests)).toEqual([`POST ${JOBS}/job1/phase PHASE=RUN`, `GET ${JOBS}/job1`]);
  });

  it('raises a VOTable error sent with HTTP 200 for a job action', async () => {
    let refuse = false;
    const service = fakeDachs({ route: (request) => (refuse && request.url.endsWith('/phase') ? { body: votableError('Field phase: Bad phase: run') } : undefined) });
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'SELECT 1' });
    refuse = true;
    await expect(client.runJob(created.url)).rejects.toThrow(/Bad phase: run/);
  });

  it('aborts once and does not retry when the service fails', async () => {
    const calls: string[] = [];
    const service = fakeFetch((request) => {
      calls.push(request.method);
      return { status: 502, body: 'bad gateway' };
    });
    const client = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: service.fetch }) });
    await expect(client.abortJob(`${JOBS}/j`)).rejects.toBeInstanceOf(ServerError);
    await expect(client.deleteJob(`${JOBS}/j`)).rejects.toBeInstanceOf(ServerError);
    expect(calls).toEqual(['POST', 'POST']);
  });

  it('deletes with a form POST of ACTION=DELETE, never the DELETE method', async () => {
    const service = fakeDachs();
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'SELECT 1' });
    service.requests.length = 0;
    await client.deleteJob(created.url);
    expect(service.requests[0]).toMatchObject({ method: 'POST', url: `${JOBS}/job1` });
    expect(String(service.requests[0]?.form)).toBe('ACTION=DELETE');
    expect(service.requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(service.jobs.size).toBe(0);
  });

  it('reports a refused delete that comes back as a VOTable error with HTTP 200', async () => {
    const service = fakeFetch(() => ({ body: votableError('Jobs of other users cannot be deleted') }));
    const client = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: service.fetch }) });
    await expect(client.deleteJob(`${JOBS}/j`)).rejects.toThrow(ServiceReportedError);
  });

  it('returns the duration the server holds after changing it', async () => {
    const service = fakeDachs({ maxDuration: 7200 });
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'SELECT 1' });
    service.requests.length = 0;
    const job = await client.setExecutionDuration(created.url, 86_400);
    expect(job.executionDuration).toBe(7200);
    expect(lines(service.requests)).toEqual([`POST ${JOBS}/job1/executionduration EXECUTIONDURATION=86400`, `GET ${JOBS}/job1`, `GET ${JOBS}/job1`]);
  });

  it('sends the destruction time as ISO 8601 UTC without milliseconds and returns what the server holds', async () => {
    const service = fakeDachs();
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'SELECT 1' });
    service.requests.length = 0;
    const job = await client.setDestruction(created.url, new Date('2026-11-23T11:00:00.250+01:00'));
    expect(String(service.requests[0]?.form)).toBe('DESTRUCTION=2026-11-23T10%3A00%3A00Z');
    expect(job.destruction?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('reads the error detail from a VOTable, plain text or an HTML page, and as null when empty or missing', async () => {
    const replies: Record<string, FakeReply> = {
      a: { body: votableError('Query timed out') },
      b: { body: 'Traceback: out of memory\r\n' },
      c: { body: '' },
      d: { status: 404, body: 'no such job' },
      e: {
        body: '<!DOCTYPE html><html><head><title>Error</title><style>p{}</style></head><body><h1>Job failed</h1><p>Table &quot;x&quot; not found</p></body></html>',
        headers: { 'content-type': 'text/html; charset=utf-8' },
      },
    };
    const service = fakeFetch((request) => replies[request.url.split('/').at(-2) ?? ''] ?? { status: 500 });
    const client = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: service.fetch }) });
    expect(await client.getErrorDetail(`${JOBS}/a`)).toBe('Query timed out');
    expect(await client.getErrorDetail(`${JOBS}/b`)).toBe('Traceback: out of memory');
    expect(await client.getErrorDetail(`${JOBS}/c`)).toBeNull();
    expect(await client.getErrorDetail(`${JOBS}/d`)).toBeNull();
    expect(await client.getErrorDetail(`${JOBS}/e`)).toBe('Job failed\nTable "x" not found');
    expect(service.requests[0]?.url).toBe(`${JOBS}/a/error`);
  });
});

describe('listJobs and URLs', () => {
  it('sends AFTER in UTC without milliseconds, LAST and the asked phase', async () => {
    const service = fakeDachs();
    const client = clientFor(service);
    await client.createJob({ QUERY: 'a' });
    const refs = await client.listJobs({ phases: ['PENDING'], after: new Date('2026-11-21T19:00:00.900Z'), last: 20 });
    expect(service.requests.at(-1)?.url).toBe(`${LIST}?PHASE=PENDING&AFTER=2026-11-21T19%3A00%3A00Z&LAST=20`);
    expect(refs).toEqual([expect.objectContaining({ jobId: 'job1', href: `${JOBS}/job1`, phase: 'PENDING' })]);
  });

  it('finds the jobs of every asked phase on a service that honours only one PHASE value', async () => {
    const service = fakeDachs({ route: (request) => (onlyLastPhase(request, service.jobs)) });
    const client = clientFor(service);
    const first = await client.createJob({ QUERY: 'a' });
    await client.createJob({ QUERY: 'b' });
    await client.runJob(first.url);
    const refs = await client.listJobs({ phases: ['PENDING', 'EXECUTING'] });
    expect(refs.map((r) => `${r.jobId} ${r.phase}`).sort()).toEqual(['job1 EXECUTING', 'job2 PENDING']);
  });

  it('leaves out jobs in other phases when a service ignores PHASE', async () => {
    const service = fakeDachs({ route: (request) => (ignorePhase(request, service.jobs)) });
    const client = clientFor(service);
    const first = await client.createJob({ QUERY: 'a' });
    await client.createJob({ QUERY: 'b' });
    await client.runJob(first.url);
    const refs = await client.listJobs({ phases: ['PENDING'] });
    expect(refs.map((r) => r.jobId)).toEqual(['job2']);
  });

  it('keeps the newest LAST jobs across the asked phases', async () => {
    const list = (phase: string) =>
      `<uws:jobs version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">${[1, 2, 3]
        .map((n) => `<uws:jobref id="${phase}${n}" xlink:href="${JOBS}/${phase}${n}"><uws:phase>${phase}</uws:phase><uws:creationTime>2026-11-2${phase === 'ERROR' ? n * 2 : n * 2 - 1}T00:00:00Z</uws:creationTime></uws:jobref>`)
        .join('')}</uws:jobs>`;
    const service = fakeFetch((request) => ({ body: list(new URL(request.url).searchParams.get('PHASE') ?? '') }));
    const refs = await clientFor(service).listJobs({ phases: ['ERROR', 'ABORTED'], last: 3 });
    expect(refs.map((r) => r.jobId)).toEqual(['ERROR3', 'ABORTED3', 'ERROR2']);
  });

  it('maps bare ids under the list URL and keeps absolute URLs', () => {
    const client = createUwsClient({ listUrl: `${LIST}/`, transport: createTransport({ fetch: fakeFetch(() => ({})).fetch }) });
    expect(client.listUrl).toBe(LIST);
    expect(client.jobUrlFor('abc')).toBe(`${LIST}/abc`);
    expect(client.jobUrlFor('a b')).toBe(`${LIST}/a%20b`);
    expect(client.jobUrlFor(`${JOBS}/abc`)).toBe(`${JOBS}/abc`);
    expect(client.jobUrlFor('/__system__/tap/run/async/abc')).toBe(`${JOBS}/abc`);
  });

  it('sends the bearer token to the service and keeps it out of errors', async () => {
    const service = fakeFetch((request) => ({ status: 403, body: `token ${request.headers.get('authorization') ?? ''} lacks scope` }));
    const client = clientFor(service, 'bearer');
    const error = (await client.getJob(`${JOBS}/x`).catch((e: unknown) => e)) as Error;
    expect(service.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('lacks scope');
  });
});

describe('getJob with WAIT', () => {
  it('caps WAIT at 60 s and allows the HTTP request longer than that', async () => {
    vi.useFakeTimers();
    const service = fakeDachs();
    const client = clientFor(service);
    const created = await client.createJob({ QUERY: 'slow' });
    const pending = client.getJob(created.url, { wait: 600, phase: 'PENDING' });
    await vi.advanceTimersByTimeAsync(61_000);
    const job = await pending;
    expect(job.phase).toBe('PENDING');
    expect(service.requests.at(-1)?.url).toBe(`${JOBS}/job1?WAIT=60&PHASE=PENDING`);
  });

  it('returns as soon as the phase changes, after one request', async () => {
    vi.useFakeTimers();
    const service = fakeDachs();
    const client = clientFor(service);
    const running = await client.runJob((await client.createJob({ QUERY: 'q' })).url);
    service.requests.length = 0;
    setTimeout(() => {
      service.jobs.get('job1')!.phase = 'COMPLETED';
    }, 5_000);
    const pending = client.getJob(running.url, { wait: 60, phase: running.phase });
    await vi.advanceTimersByTimeAsync(6_000);
    expect((await pending).phase).toBe('COMPLETED');
    expect(lines(service.requests)).toEqual([`GET ${JOBS}/job1?WAIT=60&PHASE=EXECUTING`]);
  });

  it('makes one request, never a loop, when the service answers WAIT at once', async () => {
    vi.useFakeTimers();
    const service = fakeDachs({ honoursWait: false });
    const client = clientFor(service);
    const running = await client.runJob((await client.createJob({ QUERY: 'q' })).url);
    service.requests.length = 0;
    const job = await client.getJob(running.url, { wait: 60, phase: running.phase });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(job.phase).toBe('EXECUTING');
    expect(service.requests).toHaveLength(1);
  });
});

type FakeJobs = ReturnType<typeof fakeDachs>['jobs'];

function jobListReply(jobs: FakeJobs, keep: (phase: string) => boolean): FakeReply {
  const refs = [...jobs.values()]
    .filter((job) => keep(job.phase))
    .map((job) => `<uws:jobref id="${job.id}" xlink:href="${JOBS}/${job.id}"><uws:phase>${job.phase}</uws:phase></uws:jobref>`)
    .join('');
  return { body: `<uws:jobs version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">${refs}</uws:jobs>` };
}

/** A job list that, like some real services, honours only the last PHASE value. */
function onlyLastPhase(request: RecordedRequest, jobs: FakeJobs): FakeReply | undefined {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.toString().split('?')[0] !== LIST) return undefined;
  const phase = url.searchParams.getAll('PHASE').at(-1);
  return jobListReply(jobs, (p) => phase === undefined || p === phase);
}

/** A job list that ignores PHASE altogether. */
function ignorePhase(request: RecordedRequest, jobs: FakeJobs): FakeReply | undefined {
  if (request.method !== 'GET' || request.url.split('?')[0] !== LIST) return undefined;
  return jobListReply(jobs, () => true);
}
