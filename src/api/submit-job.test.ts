// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createTransport } from '../protocol/http/transport';
import { JobFollowUpError } from '../protocol/tap';
import { createUwsClient } from '../protocol/uws/client';
import { JOBS, LIST, fakeDachs } from '../protocol/uws/fake-uws-service';
import type { UwsJob } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobKeys } from './keys';
import { useSubmitJob } from './submit-job';

const fake = { current: fakeDachs() };

vi.mock('./service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({
    tapUrl: service.tapUrl,
    transport: {},
    uws: createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: fake.current.fetch }) }),
  }),
}));

const service: ServiceConfig = { id: 's', label: 'Test', tapUrl: 'http://127.0.0.1:8080/tap', credential: { kind: 'none' }, preset: false };

function render() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
  return { client, ...renderHook(() => useSubmitJob(service), { wrapper }) };
}

describe('useSubmitJob', () => {
  it('tags every job it creates with a run id of its own, after the user’s', async () => {
    fake.current = fakeDachs();
    const { result, client } = render();
    const job = await act(() => result.current.mutateAsync({ query: 'SELECT 1', runId: 'mine' }));
    expect(fake.current.jobs.get('job1')?.parameters.RUNID).toMatch(/^mine \(uws-desk:[0-9a-z]{10}\)$/);
    expect(client.getQueryData<UwsJob>(jobKeys.detail(service, job.url))?.jobId).toBe('job1');
  });

  it('keeps a job that was created even when running it failed, and posts it once', async () => {
    fake.current = fakeDachs({ route: (r) => (r.url.endsWith('/phase') ? { status: 500, body: 'down' } : undefined) });
    const { result, client } = render();
    let caught: unknown;
    await act(async () => {
      await result.current.mutateAsync({ query: 'SELECT 1', run: true }).catch((e: unknown) => (caught = e));
    });
    expect(caught).toBeInstanceOf(JobFollowUpError);
    expect(fake.current.requests.filter((r) => r.method === 'POST' && r.url === LIST)).toHaveLength(1);
    expect(client.getQueryData<UwsJob>(jobKeys.detail(service, `${JOBS}/job1`))?.phase).toBe('PENDING');
  });
});
