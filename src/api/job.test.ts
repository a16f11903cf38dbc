// @vitest-environment jsdom
import { QueryClient, QueryObserver, focusManager } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTransport } from '../protocol/http/transport';
import { createUwsClient, type UwsClient } from '../protocol/uws/client';
import { JOBS, LIST, ORIGIN, fakeDachs } from '../protocol/uws/fake-uws-service';
import type { ExecutionPhase } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobQueryOptions } from './job';

const holder: { uws: UwsClient | null } = { uws: null };
vi.mock('./service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws: holder.uws }),
}));

const service: ServiceConfig = { id: 's', label: 'Test', tapUrl: `${ORIGIN}/tap`, credential: { kind: 'none' }, preset: false };
const JOB_URL = `${JOBS}/job1`;

/** A service with one job in `phase`, and the requests the app sends to read it. */
function serviceWithJob(phase: ExecutionPhase, options: Parameters<typeof fakeDachs>[0] = {}) {
  const fake = fakeDachs(options);
  fake.jobs.set('job1', { id: 'job1', phase, executionDuration: 3600, destruction: '2026-11-23T19:40:46Z', parameters: {} });
  holder.uws = createUwsClient({ listUrl: LIST, transport: createTransport({ fetch: fake.fetch }) });
  const reads = () => fake.requests.filter((r) => r.method === 'GET' && r.url.startsWith(JOB_URL));
  const setPhaseAt = (ms: number, next: ExecutionPhase) =>
    setTimeout(() => {
      fake.jobs.get('job1')!.phase = next;
    }, ms);
  return { fake, reads, setPhaseAt };
}

function watch(client = new QueryClient()) {
  const observer = new QueryObserver(client, { ...jobQueryOptions(service, JOB_URL), refetchOnWindowFocus: false });
  const phases: string[] = [];
  const unsubscribe = observer.subscribe((r) => {
    if (r.data && phases.at(-1) !== r.data.phase) phases.push(r.data.phase);
  });
  return { phases, unsubscribe, client };
}

const FIVE_MINUTES = 5 * 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  focusManager.setFocused(true);
});

afterEach(() => {
  vi.useRealTimers();
  focusManager.setFocused(undefined);
});

describe('the polling schedule', () => {
  it('on a service that honours WAIT, sends about one request per phase change over five minutes', async () => {
    const { reads, setPhaseAt } = serviceWithJob('QUEUED');
    setPhaseAt(20_000, 'EXECUTING');
    setPhaseAt(100_000, 'COMPLETED');
    const { phases, unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(phases).toEqual(['QUEUED', 'EXECUTING', 'COMPLETED']);
    // The first read, one wait per change, and one wait that ran out between them.
    expect(reads().length).toBeLessThanOrEqual(2 + 2);
    expect(reads().slice(1).every((r) => r.url.includes('WAIT=60'))).toBe(true);
    unsubscribe();
  });

  it('on a service that answers WAIT at once, backs off from 1 s to 30 s: at most 20 requests in five minutes', async () => {
    const { reads } = serviceWithJob('EXECUTING', { honoursWait: false });
    const { unsubscribe } = watch();
    const times: number[] = [];
    const start = Date.now();
    let seen = 0;
    for (let t = 0; t < FIVE_MINUTES; t += 250) {
      await vi.advanceTimersByTimeAsync(250);
      for (; seen < reads().length; seen++) times.push(Date.now() - start);
    }
    expect(reads().length).toBeLessThanOrEqual(20);
    expect(reads().filter((r) => r.url.includes('WAIT='))).toHaveLength(1);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(29_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(31_000);
    expect(gaps.slice(1, 5)).toEqual([...gaps.slice(1, 5)].sort((a, b) => a - b));
    unsubscribe();
  });

  it('polls a UWS 1.0 service without WAIT, and looks again within about a second of a change', async () => {
    const { reads, setPhaseAt } = serviceWithJob('QUEUED', { version: null });
    setPhaseAt(200_000, 'EXECUTING');
    const { phases, unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(reads().every((r) => !r.url.includes('WAIT'))).toBe(true);
    expect(reads().length).toBeLessThanOrEqual(20);
    expect(phases).toEqual(['QUEUED', 'EXECUTING']);
    unsubscribe();
  });

  it('starts again from a short delay after a change', async () => {
    const { reads, setPhaseAt } = serviceWithJob('QUEUED', { honoursWait: false });
    setPhaseAt(150_000, 'EXECUTING');
    const { phases, unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(phases).toEqual(['QUEUED', 'EXECUTING']);
    const afterChange = reads().length;
    await vi.advanceTimersByTimeAsync(1_600);
    expect(reads().length).toBe(afterChange + 1);
    unsubscribe();
  });

  it('stops at a final phase', async () => {
    const { reads, setPhaseAt } = serviceWithJob('EXECUTING');
    setPhaseAt(5_000, 'COMPLETED');
    const { phases, unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(phases.at(-1)).toBe('COMPLETED');
    const atEnd = reads().length;
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(reads().length).toBe(atEnd);
    unsubscribe();
  });

  it('falls back to plain polling when a proxy cuts the long poll with 504', async () => {
    const { reads, setPhaseAt } = serviceWithJob('EXECUTING', {
      route: (request) => (request.url.includes('WAIT=') ? { status: 504, body: '<html><title>504 Gateway Time-out</title></html>' } : undefined),
    });
    setPhaseAt(20_000, 'COMPLETED');
    const { phases, unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(phases).toEqual(['EXECUTING', 'COMPLETED']);
    expect(reads().filter((r) => r.url.includes('WAIT='))).toHaveLength(1);
    unsubscribe();
  });

  it('sends one request at a time however many views watch the job', async () => {
    const { reads } = serviceWithJob('EXECUTING');
    const client = new QueryClient();
    const views = [watch(client), watch(client), watch(client)];
    await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
    // One first read, then one 60 s wait after another.
    expect(reads().length).toBeLessThanOrEqual(1 + 5);
    views.forEach((v) => v.unsubscribe());
  });

  it('pauses while the tab is hidden and resumes when it is shown', async () => {
    const { reads } = serviceWithJob('QUEUED', { honoursWait: false });
    const { unsubscribe } = watch();
    await vi.advanceTimersByTimeAsync(2_000);
    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(35_000);
    const whileHidden = reads().length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reads().length).toBe(whileHidden);
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(reads().length).toBeGreaterThan(whileHidden);
    unsubscribe();
  });

  it('does not retry a job the server does not know, but retries a failing server twice', async () => {
    vi.useRealTimers();
    const { fake } = serviceWithJob('EXECUTING');
    const client = new QueryClient({ defaultOptions: { queries: { retryDelay: 1 } } });
    const gone = `${JOBS}/nope`;
    await expect(client.fetchQuery(jobQueryOptions(service, gone))).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(fake.requests.filter((r) => r.url === gone)).toHaveLength(1);

    const failing = serviceWithJob('EXECUTING', { route: () => ({ status: 503, body: 'busy' }) });
    await expect(client.fetchQuery(jobQueryOptions(service, JOB_URL))).rejects.toMatchObject({ name: 'ServerError' });
    expect(failing.reads()).toHaveLength(3);
  });
});
