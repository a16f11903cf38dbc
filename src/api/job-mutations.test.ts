// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { RecordedRequest } from '../protocol/http/fake-fetch';
import { createTransport } from '../protocol/http/transport';
import { createUwsClient, type UwsClient } from '../protocol/uws/client';
import { JOBS, LIST, ORIGIN, fakeDachs } from '../protocol/uws/fake-uws-service';
import type { ExecutionPhase, UwsJob } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { runJobChange, useRunJob } from './job-mutations';
import { jobKeys } from './keys';

const holder: { uws: UwsClient | null } = { uws: null };
vi.mock('./service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws: holder.uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test', tapUrl: `${ORIGIN}/tap`, credential: { kind: 'none' }, preset: false };
const JOB_URL = `${JOBS}/job1`;

/**
 * A service with one job that fails every other request with 503, starting
 * with the second; `route` may answer first.
 */
function flakyService(phase: ExecutionPhase, route?: (r: RecordedRequest) => { status?: number; body?: string } | undefined) {
  let count = 0;
  const fake = fakeDachs({
    route: (request) => {
      count += 1;
      const custom = route?.(request);
      if (custom) return custom;
      return count % 2 === 0 ? { status: 503, body: '<html><body>Service Unavailable</body></html>', headers: { 'content-type': 'text/html' } } : undefined;
    },
  });
  fake.jobs.set('job1', { id: 'job1', phase, executionDuration: 3600, destruction: '2026-11-23T19:40:46Z', parameters: {} });
  holder.uws = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: fake.fetch }) });
  const posts = () => fake.requests.filter((r) => r.method === 'POST');
  return { fake, posts };
}

function cached(client: QueryClient): UwsJob | undefined {
  return client.getQueryData<UwsJob>(jobKeys.detail(service, JOB_URL));
}

async function seed(client: QueryClient) {
  client.setQueryData(jobKeys.detail(service, JOB_URL), await holder.uws!.getJob(JOB_URL));
}

describe('a change whose answer is lost (service failing every other request)', () => {
  it('keeps the failure of a RUN the service refused, after one read shows the job still PENDING', async () => {
    const { posts } = flakyService('PENDING');
    const client = new QueryClient();
    await seed(client); // request 1
    // POST (2, 503: not run) -> one read (3) shows the job still PENDING.
    const outcome = runJobChange(client, service, 'run', { jobUrl: JOB_URL });
    await expect(outcome).rejects.toMatchObject({ name: 'ServerError' });
    expect(posts()).toHaveLength(1);
    expect(cached(client)?.phase).toBe('PENDING');
  });

  it('reports RUN as done when the POST got through and only the read after it failed', async () => {
    const { posts, fake } = flakyService('PENDING');
    const client = new QueryClient();
    // POST (1, runs the job, 303) -> followed GET (2, 503) -> one more read (3) shows EXECUTING.
    const job = await runJobChange(client, service, 'run', { jobUrl: JOB_URL });
    expect(job.phase).toBe('EXECUTING');
    expect(posts()).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
    expect(cached(client)?.phase).toBe('EXECUTING');
  });

  it('reports ABORT as done when the POST’s answer never arrived but the service aborted the job', async () => {
    const { posts, fake } = flakyService('EXECUTING', (request) => {
      if (request.method !== 'POST') return undefined;
      fake.jobs.get('job1')!.phase = 'ABORTED';
      throw new TypeError('Failed to fetch');
    });
    const client = new QueryClient();
    await seed(client); // request 1
    // POST (2: aborts, but its answer is lost) -> one read (3) shows ABORTED.
    const job = await runJobChange(client, service, 'abort', { jobUrl: JOB_URL });
    expect(job.phase).toBe('ABORTED');
    expect(posts()).toHaveLength(1);
    expect(cached(client)?.phase).toBe('ABORTED');
  });

  it('reports DELETE as done when the redirect to the list failed but the job is gone', async () => {
    const { posts, fake } = flakyService('COMPLETED');
    const client = new QueryClient();
    client.setQueryData(jobKeys.detail(service, JOB_URL), { phase: 'COMPLETED' } as UwsJob);
    // POST (1, deletes, 303) -> job list (2, 503) -> read of the job (3, 404).
    await expect(runJobChange(client, service, 'delete', { jobUrl: JOB_URL })).resolves.toEqual({ alreadyGone: false });
    expect(posts()).toHaveLength(1);
    expect(fake.jobs.has('job1')).toBe(false);
    expect(cached(client)).toBeUndefined();
  });

  it('shows the job as it now is when an ABORT failed because the job had already finished', async () => {
    const { fake } = flakyService('EXECUTING', (request) => {
      if (request.method !== 'POST') return undefined;
      fake.jobs.get('job1')!.phase = 'COMPLETED';
      return { status: 500, body: 'cannot abort a finished job' };
    });
    const client = new QueryClient();
    await seed(client);
    await expect(runJobChange(client, service, 'abort', { jobUrl: JOB_URL })).rejects.toMatchObject({ name: 'ServerError' });
    expect(cached(client)?.phase).toBe('COMPLETED');
  });
});

describe('job change hooks', () => {
  it('send a change once through the same path and store what the server holds', async () => {
    const { posts } = flakyService('PENDING');
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
    client.setQueryData(jobKeys.list(service, {}), []);
    const { result } = renderHook(() => useRunJob(service), { wrapper });
    let job: UwsJob | undefined;
    await act(async () => {
      job = await result.current.mutateAsync({ jobUrl: JOB_URL });
    });
    expect(job?.phase).toBe('EXECUTING');
    expect(posts()).toHaveLength(1);
    expect(cached(client)?.phase).toBe('EXECUTING');
    expect(client.getQueryState(jobKeys.list(service, {}))?.isInvalidated).toBe(true);
  });
});
