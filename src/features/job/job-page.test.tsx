// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import { NotFoundError } from '../../protocol/http/errors';
import type { ExecutionPhase, UwsJob } from '../../protocol/uws/types';
import { JobPage } from './job-page';

const uws = {
  getJob: vi.fn<(url: string) => Promise<UwsJob>>(),
  waitForChange: vi.fn<(job: UwsJob, opts?: { signal?: AbortSignal }) => Promise<UwsJob>>(),
  runJob: vi.fn<(url: string) => Promise<UwsJob>>(),
  abortJob: vi.fn<(url: string) => Promise<UwsJob>>(),
  deleteJob: vi.fn<(url: string) => Promise<void>>(),
  setExecutionDuration: vi.fn<(url: string, seconds: number) => Promise<UwsJob>>(),
  setDestruction: vi.fn<(url: string, when: Date) => Promise<UwsJob>>(),
  getErrorDetail: vi.fn<(url: string) => Promise<string | null>>(),
};

vi.mock('../../api/service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const JOB_URL = 'http://tap.example/tap/async/j1';

function job(phase: ExecutionPhase, extra: Partial<UwsJob> = {}): UwsJob {
  return {
    jobId: 'j1',
    runId: 'my-run',
    ownerId: 'alice',
    phase,
    quote: null,
    creationTime: new Date('2026-01-01T10:00:00Z'),
    startTime: null,
    endTime: null,
    executionDuration: 3600,
    destruction: new Date('2099-01-01T00:00:00Z'),
    parameters: [
      { id: 'QUERY', value: 'SELECT TOP 5 * FROM cat', byReference: false, isPost: true },
      { id: 'LANG', value: 'ADQL', byReference: false, isPost: true },
    ],
    results: [],
    errorSummary: null,
    jobInfo: [],
    version: '1.1',
    url: JOB_URL,
    ...extra,
  };
}

/** A wait that only ends when the query is cancelled. */
function waitForever(_job: UwsJob, opts?: { signal?: AbortSignal }) {
  return new Promise<UwsJob>((_resolve, reject) => opts?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
}

function show(props: Partial<Parameters<typeof JobPage>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/job', element: <JobPage service={service} jobUrl={JOB_URL} {...props} /> },
      { path: '/jobs', element: <h1>Job list</h1> },
    ],
    { initialEntries: ['/job'] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, client };
}

beforeEach(() => {
  for (const fn of Object.values(uws)) fn.mockReset();
  uws.waitForChange.mockImplementation(waitForever);
});
afterEach(cleanup);

describe('JobPage', () => {
  it('explains the phase and offers only the actions it allows', async () => {
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    show();
    expect(await screen.findByText(/Finished successfully/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Abort' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Delete' }).hasAttribute('disabled')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Set duration' })).toBeNull();
    expect(screen.getByText(/can only be changed before the job starts; this one is COMPLETED/)).toBeTruthy();
    expect(screen.getByText('2026-01-01 10:00:00 UTC')).toBeTruthy();
    expect(screen.getByTestId('job-query').textContent).toBe('SELECT TOP 5 * FROM cat');
  });

  it('shows an execution duration of 0 as unlimited', async () => {
    uws.getJob.mockResolvedValue(job('PENDING', { executionDuration: 0 }));
    show();
    expect((await screen.findByTestId('execution-duration')).textContent).toBe('unlimited');
  });

  it('says plainly when the server kept another execution duration', async () => {
    const user = userEvent.setup();
    uws.getJob.mockResolvedValue(job('PENDING'));
    uws.setExecutionDuration.mockResolvedValue(job('PENDING', { executionDuration: 3600 }));
    show();
    const input = await screen.findByLabelText(/Seconds/);
    await user.clear(input);
    await user.type(input, '7200');
    await user.click(screen.getByRole('button', { name: 'Set duration' }));
    expect(await screen.findByText('The server kept 3600 s (1 h) instead of 7200 s (2 h).')).toBeTruthy();
    expect((input as HTMLInputElement).value).toBe('3600');
    expect(uws.setExecutionDuration).toHaveBeenCalledWith(JOB_URL, 7200);
  });

  it('asks before aborting, then shows the job as the server holds it', async () => {
    const user = userEvent.setup();
    uws.getJob.mockResolvedValue(job('EXECUTING', { startTime: new Date() }));
    uws.abortJob.mockResolvedValue(job('ABORTED'));
    show();
    await user.click(await screen.findByRole('button', { name: 'Abort' }));
    expect(uws.abortJob).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Abort job' }));
    expect(await screen.findByText('The server aborted the job.')).toBeTruthy();
    expect(screen.getByTestId('job-phase').dataset.phase).toBe('ABORTED');
  });

  it('delays destruction by seven days from the current time of destruction', async () => {
    const user = userEvent.setup();
    const held = new Date('2099-01-08T00:00:00Z');
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    uws.setDestruction.mockResolvedValue(job('COMPLETED', { destruction: held }));
    show();
    await user.click(await screen.findByRole('button', { name: '+7 days' }));
    expect(await screen.findByText('The server now holds destruction at 2099-01-08 00:00:00 UTC.')).toBeTruthy();
    expect(uws.setDestruction.mock.calls[0]![1].toISOString()).toBe(held.toISOString());
  });

  it('goes to the job list after a confirmed delete', async () => {
    const user = userEvent.setup();
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    uws.deleteJob.mockResolvedValue();
    const { router } = show();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete job' }));
    expect(await screen.findByRole('heading', { name: 'Job list' })).toBeTruthy();
    expect(router.state.location.search).toContain('service=');
    expect(uws.deleteJob).toHaveBeenCalledWith(JOB_URL);
  });

  it('shows the main result through renderResults once completed', async () => {
    uws.getJob.mockResolvedValue(
      job('COMPLETED', {
        results: [
          { id: 'extra', href: 'http://tap.example/extra', type: null, mimeType: 'text/plain', size: 10 },
          { id: 'result', href: 'http://tap.example/result', type: null, mimeType: 'application/x-votable+xml', size: 2048 },
        ],
      }),
    );
    show({ renderResults: (j) => <p>Grid of {j.results.find((r) => r.id === 'result')?.href}</p> });
    expect(await screen.findByText('Grid of http://tap.example/result')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Download result / }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Download result extra',
      'Download result result',
    ]);
  });

  it('shows the error summary and the detail document', async () => {
    uws.getJob.mockResolvedValue(job('ERROR', { errorSummary: { type: 'fatal', hasDetail: true, message: 'Column foo unknown' } }));
    uws.getErrorDetail.mockResolvedValue('Line 1: column foo does not exist in cat');
    show();
    expect((await screen.findByTestId('error-summary')).textContent).toBe('Column foo unknown');
    expect((await screen.findByTestId('error-detail')).textContent).toBe('Line 1: column foo does not exist in cat');
  });

  it('does not repeat an error document that only restates the summary', async () => {
    uws.getJob.mockResolvedValue(job('ERROR', { errorSummary: { type: 'fatal', hasDetail: true, message: 'Query failed: boom' } }));
    uws.getErrorDetail.mockResolvedValue('Query failed: boom\n');
    show();
    expect(await screen.findByTestId('error-detail-same')).toBeTruthy();
    expect(screen.queryByTestId('error-detail')).toBeNull();
  });

  it('says so when the server no longer knows the job', async () => {
    uws.getJob.mockRejectedValue(new NotFoundError('Not found', { status: 404 }));
    show();
    expect(await screen.findByRole('heading', { name: 'Job not found' })).toBeTruthy();
  });
});
