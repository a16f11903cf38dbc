import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../http/fake-fetch';
import { createTransport } from '../http/transport';
import { createUwsClient } from '../uws/client';
import { JOBS, LIST, fakeDachs, type FakeDachsOptions } from '../uws/fake-uws-service';
import { JobFollowUpError, submitAsyncQuery } from './submit';
import { UncertainCreationError, newSubmissionTag, taggedRunId, userRunId } from './submission';

type Fake = ReturnType<typeof fakeDachs>;

/** A DaCHS-like service whose job list also shows each job's RUNID, as UWS 1.1 lists may. */
function setup(route: (request: RecordedRequest, fake: () => Fake) => ReturnType<NonNullable<FakeDachsOptions['route']>>) {
  let fake: Fake | null = null;
  const get = () => fake!;
  fake = fakeDachs({
    route: (request) => {
      const custom = route(request, get);
      if (custom) return custom;
      if (request.method === 'GET' && request.url.startsWith(LIST)) {
        const refs = [...get().jobs.values()]
          .map((job) => `<uws:jobref id="${job.id}" xlink:href="${JOBS}/${job.id}"><uws:phase>${job.phase}</uws:phase><uws:runId>${job.parameters.RUNID ?? ''}</uws:runId></uws:jobref>`)
          .join('');
        return { body: `<uws:jobs version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">${refs}</uws:jobs>` };
      }
      return undefined;
    },
  });
  const client = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: fake.fetch }) });
  const creates = () => fake!.requests.filter((r) => r.method === 'POST' && r.url === LIST).length;
  return { fake, client, creates };
}

/** Answers 503 to every other request, starting with the first (odd) or the second (even). */
function everyOther(first: 'odd' | 'even') {
  let n = 0;
  return () => {
    n += 1;
    return (n % 2 === 1) === (first === 'odd') ? { status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } } : undefined;
  };
}

/** What a user does: submit, and submit again only while the page says the job was not created. */
async function submitLikeAUser(client: ReturnType<typeof setup>['client']) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await submitAsyncQuery(client, { query: 'SELECT 1', runId: 'mine', submissionTag: newSubmissionTag(), run: true });
    } catch (error) {
      if (error instanceof JobFollowUpError) return error.job ?? error.jobUrl;
      if (error instanceof UncertainCreationError && error.lookup === 'unknown') throw error;
    }
  }
  throw new Error('never created');
}

describe('one job per submission', () => {
  it('tags the run id while keeping the user’s own in front', () => {
    const tag = newSubmissionTag();
    expect(tag).toMatch(/^[0-9a-z]{10}$/);
    expect(taggedRunId('night 3', tag)).toBe(`night 3 (uws-desk:${tag})`);
    expect(userRunId(taggedRunId('night 3', tag))).toBe('night 3');
    expect(userRunId(taggedRunId(undefined, tag))).toBeNull();
    expect(userRunId('someone else’s')).toBe('someone else’s');
  });

  for (const first of ['odd', 'even'] as const) {
    it(`creates exactly one job on a service that fails every other request (${first} ones)`, async () => {
      const fail = everyOther(first);
      const { fake, client } = setup(() => fail());
      const outcome = await submitLikeAUser(client);
      expect(fake.jobs.size).toBe(1);
      const url = typeof outcome === 'string' ? outcome : outcome.url;
      expect(url).toBe(`${JOBS}/job1`);
    });
  }

  it('opens the job its redirect reached even when reading it failed', async () => {
    let reads = 0;
    const { fake, client, creates } = setup((request) =>
      request.method === 'GET' && request.url === `${JOBS}/job1` && ++reads === 1 ? { status: 503, body: 'busy' } : undefined,
    );
    const job = await submitAsyncQuery(client, { query: 'SELECT 1', submissionTag: 'abc', run: true });
    expect(job).toMatchObject({ url: `${JOBS}/job1`, phase: 'EXECUTING' });
    expect(creates()).toBe(1);
    expect(fake.jobs.get('job1')?.parameters.RUNID).toBe('uws-desk:abc');
  });

  it('finds the job by its run id when the answer to the creating request was lost', async () => {
    let dropped = false;
    const { fake, client, creates } = setup((request) => {
      // The service made the job; the connection dropped on the way back.
      if (!dropped && request.method === 'GET' && request.url === `${JOBS}/job1`) {
        dropped = true;
        throw new TypeError('Failed to fetch');
      }
      return undefined;
    });
    const job = await submitAsyncQuery(client, { query: 'SELECT 1', runId: 'mine', submissionTag: 'x1', run: true });
    expect(job).toMatchObject({ url: `${JOBS}/job1`, phase: 'EXECUTING' });
    expect(creates()).toBe(1);
    expect(fake.jobs.size).toBe(1);
  });

  it('says the job was not created when the request never arrived and the list holds no such job', async () => {
    const { fake, client } = setup((request) => {
      if (request.method === 'POST' && request.url === LIST) throw new TypeError('Failed to fetch');
      return undefined;
    });
    const error = await submitAsyncQuery(client, { query: 'SELECT 1', submissionTag: 'x2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncertainCreationError);
    expect((error as UncertainCreationError).lookup).toBe('absent');
    expect((error as Error).message).toMatch(/it was not created/);
    expect(fake.jobs.size).toBe(0);
  });

  it('says it cannot tell when the job list cannot be read either', async () => {
    const { client } = setup((request) => {
      if (request.url.startsWith(LIST)) throw new TypeError('Failed to fetch');
      return undefined;
    });
    const error = await submitAsyncQuery(client, { query: 'SELECT 1', submissionTag: 'x3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncertainCreationError);
    expect((error as UncertainCreationError).lookup).toBe('unknown');
    expect((error as Error).message).toMatch(/Look at the job list before submitting again/);
  });
});
