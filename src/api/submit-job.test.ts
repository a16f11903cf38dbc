// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ServerError } from '../protocol/http/errors';
import { JobFollowUpError } from '../protocol/tap';
import type { UwsJob } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobKeys } from './keys';
import { useSubmitJob } from './submit-job';

const uws = {
  createJob: vi.fn<(params: Record<string, unknown>) => Promise<UwsJob>>(),
  runJob: vi.fn<(url: string) => Promise<UwsJob>>(),
};

vi.mock('./service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const JOB_URL = 'http://tap.example/tap/async/j1';

const created: UwsJob = {
  jobId: 'j1',
  runId: null,
  ownerId: null,
  phase: 'PENDING',
  quote: null,
  creationTime: new Date('2026-01-01T00:00:00Z'),
  startTime: null,
  endTime: null,
  executionDuration: 3600,
  destruction: null,
  parameters: [],
  results: [],
  errorSummary: null,
  jobInfo: [],
  version: '1.1',
  url: JOB_URL,
};

describe('useSubmitJob', () => {
  it('keeps a job that was created even when running it failed', async () => {
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
    uws.createJob.mockResolvedValue(created);
    uws.runJob.mockRejectedValue(new ServerError('down', { status: 500 }));
    const { result } = renderHook(() => useSubmitJob(service), { wrapper });
    let caught: unknown;
    await act(async () => {
      await result.current.mutateAsync({ query: 'SELECT 1', run: true }).catch((e: unknown) => (caught = e));
    });
    expect(caught).toBeInstanceOf(JobFollowUpError);
    expect(uws.createJob).toHaveBeenCalledTimes(1);
    expect(client.getQueryData<UwsJob>(jobKeys.detail(service, JOB_URL))?.phase).toBe('PENDING');
  });
});
