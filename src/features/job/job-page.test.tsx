// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import { NetworkError, NotFoundError } from '../../protocol/http/errors';
import type { ExecutionPhase, UwsJob } from '../../protocol/uws/types';
import { JobPage } from './job-page';
import { fakeUwsClient, resetFakeUwsClient } from '../../testing/fake-uws-client';
import { aJob } from '../../testing/uws-job';

const uws = fakeUwsClient();

vi.mock('../../api/service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const JOB_URL = 'http://tap.example/tap/async/j1';

function job(phase: ExecutionPhase, extra: Partial<UwsJob> = {}): UwsJob {
  return aJob({
    phase,
    runId: 'my-run',
    ownerId: 'alice',
    creationTime: new Date('2026-01-01T10:00:00Z'),
    destruction: new Date('2099-01-01T00:00:00Z'),
    parameters: [
      { id: 'QUERY', value: 'SELECT TOP 5 * FROM cat', byReference: false, isPost: true },
      { id: 'LANG', value: 'ADQL', byReference: false, isPost: true },
    ],
    url: JOB_URL,
    ...extra,
  });
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
  resetFakeUwsClient(uws);
});
afterEach(cleanup);

describe('JobPage', () => {
  it('explains the phase and offers only the actions it allows', async () => {
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    show();
    await screen.findByText(/Finished successfully/);
    // An ended job can be neither run nor aborted: no dead buttons.
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Abort' })).toBeNull();
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
    await screen.findByText('The server kept 3600 s (1 h) instead of 7200 s (2 h).');
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
    await screen.findByText('The server aborted the job.');
    expect(screen.getByTestId('job-phase').dataset.phase).toBe('ABORTED');
  });

  it('delays destruction by seven days from the current time of destruction', async () => {
    const user = userEvent.setup();
    const held = new Date('2099-01-08T00:00:00Z');
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    uws.setDestruction.mockResolvedValue(job('COMPLETED', { destruction: held }));
    show();
    await user.click(await screen.findByRole('button', { name: '+7 days' }));
    await screen.findByText('The server now holds destruction at 2099-01-08 00:00:00 UTC.');
    expect(uws.setDestruction.mock.calls[0]![1].toISOString()).toBe(held.toISOString());
  });

  it('goes to the job list after a confirmed delete', async () => {
    const user = userEvent.setup();
    uws.getJob.mockResolvedValue(job('COMPLETED'));
    uws.deleteJob.mockResolvedValue();
    const { router } = show();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete job' }));
    await screen.findByRole('heading', { name: 'Job list' });
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
    await screen.findByText('Grid of http://tap.example/result');
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
    await screen.findByTestId('error-detail-same');
    expect(screen.queryByTestId('error-detail')).toBeNull();
  });

  it('says so when the server no longer knows the job', async () => {
    uws.getJob.mockRejectedValue(new NotFoundError('Not found', { status: 404 }));
    show();
    await screen.findByRole('heading', { name: 'Job not found' });
  });

  it('tries a job it could not read again by itself, counting down, until the service answers', async () => {
    vi.useFakeTimers();
    try {
      const unreachable = new NetworkError('Could not reach http://tap.example');
      uws.getJob.mockRejectedValueOnce(unreachable).mockRejectedValueOnce(unreachable).mockRejectedValueOnce(unreachable);
      uws.getJob.mockResolvedValue(job('COMPLETED'));
      show();
      // The first read and its two quick retries fail.
      await act(() => vi.advanceTimersByTimeAsync(3_100));
      expect(screen.getByTestId('retry-countdown').textContent).toMatch(/Trying again in 2 s\./);
      expect(screen.getByRole('button', { name: 'Retry now' })).not.toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(2_500));
      expect(screen.getByTestId('job-phase').dataset.phase).toBe('COMPLETED');
      expect(uws.getJob).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers Run on a pending job, and Abort but no Run on a running one', async () => {
    uws.getJob.mockResolvedValue(job('PENDING'));
    show();
    expect((await screen.findByRole('button', { name: 'Run' })).hasAttribute('disabled')).toBe(false);
    cleanup();
    uws.getJob.mockResolvedValue(job('EXECUTING', { startTime: new Date() }));
    show();
    expect((await screen.findByRole('button', { name: 'Abort' })).hasAttribute('disabled')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });

  it('says how long a completed job ran, and no longer shows its quote', async () => {
    uws.getJob.mockResolvedValue(
      job('COMPLETED', {
        startTime: new Date('2026-01-01T10:00:05Z'),
        endTime: new Date('2026-01-01T10:03:17Z'),
        quote: new Date('2026-01-01T10:05:00Z'),
      }),
    );
    show();
    expect((await screen.findByTestId('progress-note')).textContent).toBe(
      'Ran for 3 min 12 s, from 2026-01-01 10:00:05 UTC to 2026-01-01 10:03:17 UTC.',
    );
    expect(screen.getByTestId('ran-for').textContent).toBe('Ran for 3 min 12 s');
    expect(screen.queryByText(/quote/i)).toBeNull();
    expect(screen.queryByText('2026-01-01 10:05:00 UTC')).toBeNull();
  });

  it('shows a queued job’s expected end where the service gives one', async () => {
    const quote = new Date(Date.now() + 5 * 60_000 + 30_000);
    uws.getJob.mockResolvedValue(job('QUEUED', { quote }));
    show();
    expect((await screen.findByTestId('progress-note')).textContent).toMatch(/^The service expects it to finish by \d{4}-\d\d-\d\d [\d:]{8} UTC \(in (5|6) minutes\)\.$/);
    expect(screen.getByText('Expected end (quote)')).not.toBeNull();
  });

  it('says a queued job waits for a slot when the service gives no quote', async () => {
    uws.getJob.mockResolvedValue(job('QUEUED'));
    show();
    expect((await screen.findByTestId('progress-note')).textContent).toMatch(/^Waiting for a slot/);
  });

  it('says a queued job still waits when the expected end the service gave has passed', async () => {
    uws.getJob.mockResolvedValue(job('QUEUED', { quote: new Date('2026-01-01T10:00:15Z') }));
    show();
    expect((await screen.findByTestId('progress-note')).textContent).toBe(
      'Waiting for a slot. The service expected it to finish by 2026-01-01 10:00:15 UTC, which has passed.',
    );
    expect(screen.getByText(/overdue/)).not.toBeNull();
  });
});
