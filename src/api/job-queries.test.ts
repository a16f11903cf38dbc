// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, QueryObserver, focusManager } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, ServerError } from '../protocol/http/errors';
import type { ExecutionPhase, UwsJob } from '../protocol/uws/types';
import {
  jobKeys,
  jobQueryOptions,
  POLL_GAP_MS,
  useDeleteJob,
  useRunJob,
  useSetExecutionDuration,
} from './job-queries';
import type { ServiceConfig } from '../lib/services';

const uws = {
  getJob: vi.fn<(url: string, opts?: { signal?: AbortSignal }) => Promise<UwsJob>>(),
  waitForChange: vi.fn<(job: UwsJob, opts?: { signal?: AbortSignal; maxWaitSeconds?: number }) => Promise<UwsJob>>(),
  runJob: vi.fn<(url: string) => Promise<UwsJob>>(),
  abortJob: vi.fn<(url: string) => Promise<UwsJob>>(),
  deleteJob: vi.fn<(url: string) => Promise<void>>(),
  setExecutionDuration: vi.fn<(url: string, seconds: number) => Promise<UwsJob>>(),
  setDestruction: vi.fn<(url: string, when: Date) => Promise<UwsJob>>(),
  createJob: vi.fn<(params: Record<string, unknown>) => Promise<UwsJob>>(),
  getErrorDetail: vi.fn(),
};

vi.mock('./service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const JOB_URL = 'http://tap.example/tap/async/j1';

function job(phase: ExecutionPhase, extra: Partial<UwsJob> = {}): UwsJob {
  return {
    jobId: 'j1',
    runId: null,
    ownerId: null,
    phase,
    quote: null,
    creationTime: new Date('2026-01-01T00:00:00Z'),
    startTime: null,
    endTime: null,
    executionDuration: 3600,
    destruction: new Date('2026-02-01T00:00:00Z'),
    parameters: [],
    results: [],
    errorSummary: null,
    jobInfo: [],
    version: '1.1',
    url: JOB_URL,
    ...extra,
  };
}

/** A wait on the server that answers after `ms` with `next`. */
function answerAfter(ms: number, next: UwsJob) {
  return (_job: UwsJob, opts?: { signal?: AbortSignal }) =>
    new Promise<UwsJob>((resolve, reject) => {
      const id = setTimeout(() => resolve(next), ms);
      opts?.signal?.addEventListener('abort', () => {
        clearTimeout(id);
        reject(new Error('aborted'));
      });
    });
}

function newClient() {
  return new QueryClient({ defaultOptions: { queries: { retryDelay: 10 } } });
}

function wrapperFor(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client }, children);
}

beforeEach(() => {
  for (const fn of Object.values(uws)) fn.mockReset();
  focusManager.setFocused(true);
});

afterEach(() => {
  vi.useRealTimers();
  focusManager.setFocused(undefined);
});

describe('jobKeys', () => {
  it('keeps jobs of different services apart and under their service', () => {
    const a = jobKeys.detail('http://a/tap', 'http://x/async/1');
    const b = jobKeys.detail('http://b/tap', 'http://x/async/1');
    expect(a).not.toEqual(b);
    expect(a.slice(0, jobKeys.service('http://a/tap').length)).toEqual(jobKeys.service('http://a/tap'));
    expect(jobKeys.list('http://a/tap', { phases: ['EXECUTING'] }).slice(0, 3)).toEqual(jobKeys.lists('http://a/tap'));
    expect(jobKeys.errorDetail('http://a/tap', 'u').slice(0, 4)).toEqual(jobKeys.detail('http://a/tap', 'u'));
  });
});

describe('job polling', () => {
  it('waits for changes while the job runs and stops at a final phase', async () => {
    vi.useFakeTimers();
    const client = newClient();
    uws.getJob.mockResolvedValueOnce(job('EXECUTING'));
    uws.waitForChange.mockImplementationOnce(answerAfter(5000, job('COMPLETED')));
    const observer = new QueryObserver(client, jobQueryOptions(service, JOB_URL));
    const phases: string[] = [];
    const unsubscribe = observer.subscribe((r) => r.data && phases.push(r.data.phase));

    await vi.advanceTimersByTimeAsync(1);
    expect(phases.at(-1)).toBe('EXECUTING');
    await vi.advanceTimersByTimeAsync(POLL_GAP_MS + 5000);
    expect(phases.at(-1)).toBe('COMPLETED');
    expect(uws.waitForChange).toHaveBeenCalledTimes(1);
    expect(uws.waitForChange.mock.calls[0]![0].phase).toBe('EXECUTING');

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(uws.getJob).toHaveBeenCalledTimes(1);
    expect(uws.waitForChange).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('sends one request per job however many views watch it', async () => {
    vi.useFakeTimers();
    const client = newClient();
    uws.getJob.mockResolvedValue(job('EXECUTING'));
    uws.waitForChange.mockImplementation(answerAfter(30_000, job('EXECUTING')));
    const views = [1, 2, 3].map(() => new QueryObserver(client, jobQueryOptions(service, JOB_URL)));
    const unsubscribes = views.map((v) => v.subscribe(() => {}));

    await vi.advanceTimersByTimeAsync(1);
    expect(uws.getJob).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(uws.waitForChange).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(11_000 + POLL_GAP_MS);
    expect(uws.waitForChange).toHaveBeenCalledTimes(2);
    unsubscribes.forEach((u) => u());
  });

  it('pauses while the tab is hidden and resumes when it is shown', async () => {
    vi.useFakeTimers();
    const client = newClient();
    uws.getJob.mockResolvedValue(job('QUEUED'));
    uws.waitForChange.mockImplementation(answerAfter(1000, job('QUEUED')));
    const observer = new QueryObserver(client, { ...jobQueryOptions(service, JOB_URL), refetchOnWindowFocus: false });
    const unsubscribe = observer.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(1);

    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(5000);
    const whileHidden = uws.waitForChange.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(uws.waitForChange.mock.calls.length).toBe(whileHidden);

    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(POLL_GAP_MS + 1);
    expect(uws.waitForChange.mock.calls.length).toBe(whileHidden + 1);
    unsubscribe();
  });

  it('does not retry a job the server does not know, but retries a failing server twice', async () => {
    const client = newClient();
    uws.getJob.mockRejectedValue(new NotFoundError('gone', { status: 404 }));
    await expect(client.fetchQuery(jobQueryOptions(service, JOB_URL))).rejects.toBeInstanceOf(NotFoundError);
    expect(uws.getJob).toHaveBeenCalledTimes(1);

    uws.getJob.mockReset();
    uws.getJob.mockRejectedValue(new ServerError('down', { status: 503 }));
    const other = 'http://tap.example/tap/async/j2';
    await expect(client.fetchQuery(jobQueryOptions(service, other))).rejects.toBeInstanceOf(ServerError);
    expect(uws.getJob).toHaveBeenCalledTimes(3);
  });
});

describe('job mutations', () => {
  it('shows what the server holds after a change, without asking again', async () => {
    const client = newClient();
    client.setQueryData(jobKeys.detail(service.tapUrl, JOB_URL), job('PENDING'));
    client.setQueryData(jobKeys.list(service.tapUrl, {}), []);
    uws.setExecutionDuration.mockResolvedValue(job('PENDING', { executionDuration: 1800 }));
    const { result } = renderHook(() => useSetExecutionDuration(service), { wrapper: wrapperFor(client) });

    await act(() => result.current.mutateAsync({ jobUrl: JOB_URL, seconds: 7200 }));
    expect(client.getQueryData<UwsJob>(jobKeys.detail(service.tapUrl, JOB_URL))?.executionDuration).toBe(1800);
    expect(client.getQueryState(jobKeys.list(service.tapUrl, {}))?.isInvalidated).toBe(true);
  });

  it('never repeats a change the server failed', async () => {
    const client = newClient();
    uws.runJob.mockRejectedValue(new ServerError('down', { status: 500 }));
    const { result } = renderHook(() => useRunJob(service), { wrapper: wrapperFor(client) });
    await act(async () => {
      await result.current.mutateAsync({ jobUrl: JOB_URL }).catch(() => {});
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(uws.runJob).toHaveBeenCalledTimes(1);
  });

  it('forgets a deleted job', async () => {
    const client = newClient();
    client.setQueryData(jobKeys.detail(service.tapUrl, JOB_URL), job('COMPLETED'));
    uws.deleteJob.mockResolvedValue();
    const { result } = renderHook(() => useDeleteJob(service), { wrapper: wrapperFor(client) });
    await act(() => result.current.mutateAsync({ jobUrl: JOB_URL }));
    expect(client.getQueryData(jobKeys.detail(service.tapUrl, JOB_URL))).toBeUndefined();
  });
});
