import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { JobRef, UwsJob } from '../../protocol/uws/types';
import { countPhases, DetailMerger, filterRows, mergeRows, stuckReason, withDetails, type JobRow } from './rows';

const service: ServiceConfig = { id: 's', label: 'S', tapUrl: 'http://h/tap', credential: { kind: 'none' }, preset: false };
const ref = (id: string, phase: JobRef['phase'], t: string, runId: string | null = null): JobRef => ({
  jobId: id,
  href: `http://h/tap/async/${id}`,
  phase,
  runId,
  ownerId: null,
  creationTime: new Date(t),
});

describe('job list rows', () => {
  const refs = [
    ref('a', 'COMPLETED', '2026-01-01T00:00:00Z', 'first'),
    ref('b', 'EXECUTING', '2026-01-03T00:00:00Z'),
    ref('c', 'ERROR', '2026-01-02T00:00:00Z'),
  ];
  const local = [
    { serviceUrl: service.tapUrl, jobUrl: 'http://h/tap/async/a', jobId: 'a', creationTime: '2026-01-01T00:00:00Z', query: 'SELECT TOP 5 * FROM gaia' },
    { serviceUrl: service.tapUrl, jobUrl: 'http://h/tap/async/z', jobId: 'z', creationTime: '2026-01-04T00:00:00Z', goneAt: '2026-01-05T00:00:00Z' },
  ];
  const rows = mergeRows([{ service, refs, local }]);

  it('merges this browser’s jobs into the server list without duplicates, keeping gone ones', () => {
    expect(rows.map((r) => r.jobId).sort()).toEqual(['a', 'b', 'c', 'z']);
    expect(rows.find((r) => r.jobId === 'a')?.query).toContain('gaia');
    expect(rows.find((r) => r.jobId === 'z')?.gone).toBe(true);
  });

  it('sorts newest first by default, oldest first on request', () => {
    expect(filterRows(rows, {}).map((r) => r.jobId)).toEqual(['z', 'b', 'c', 'a']);
    expect(filterRows(rows, { sort: { column: 'created', desc: false } }).map((r) => r.jobId)).toEqual(['a', 'c', 'b', 'z']);
  });

  it('filters by phase, AFTER and LAST, and searches id, run id and query text', () => {
    expect(filterRows(rows, { phases: ['ERROR', 'EXECUTING'] }).map((r) => r.jobId)).toEqual(['b', 'c']);
    expect(filterRows(rows, { after: new Date('2026-01-02T12:00:00Z') }).map((r) => r.jobId)).toEqual(['z', 'b']);
    expect(filterRows(rows, { last: 2, sort: { column: 'created', desc: false } }).map((r) => r.jobId)).toEqual(['b', 'z']);
    expect(filterRows(rows, { q: 'GAIA' }).map((r) => r.jobId)).toEqual(['a']);
    expect(filterRows(rows, { q: 'first' }).map((r) => r.jobId)).toEqual(['a']);
  });

  it('keeps listed jobs whose reference gives no creation time when AFTER is set: the server applied it', () => {
    const bare = mergeRows([{ service, refs: [{ ...ref('d', 'PENDING', '2026-01-01T00:00:00Z'), creationTime: null }], local: [] }]);
    expect(filterRows(bare, { after: new Date('2026-01-02T00:00:00Z') }).map((r) => r.jobId)).toEqual(['d']);
  });

  it('counts jobs per phase, gone ones apart', () => {
    expect(countPhases(rows)).toEqual({ COMPLETED: 1, EXECUTING: 1, ERROR: 1, GONE: 1 });
  });
});

describe('a list of 10 000 jobs', () => {
  it('is merged, filtered and sorted on every refresh without losing a match', () => {
    const phases = ['COMPLETED', 'ERROR', 'EXECUTING', 'PENDING', 'ABORTED'] as const;
    const many = Array.from({ length: 10_000 }, (_, i) =>
      ref(`j${i}`, phases[i % phases.length]!, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), `run-${i}`),
    );
    const merged = mergeRows([{ service, refs: many, local: [] }]);
    const shown = filterRows(merged, { phases: ['ERROR'], q: 'run-9' });
    expect(shown.length).toBe(222);
    expect(shown[0]!.jobId).toBe('j9996');
  });
});

describe('rows with their job documents', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  const doc = (id: string, extra: Partial<UwsJob>): UwsJob => ({
    jobId: id,
    runId: null,
    ownerId: 'anna',
    phase: 'COMPLETED',
    quote: null,
    creationTime: new Date('2026-01-10T10:00:00Z'),
    startTime: null,
    endTime: null,
    executionDuration: 600,
    destruction: new Date('2026-01-17T00:00:00Z'),
    parameters: [{ id: 'QUERY', value: 'SELECT * FROM cat WHERE mag < 12\nORDER BY mag', byReference: false, isPost: false }],
    results: [],
    errorSummary: null,
    jobInfo: [],
    version: '1.1',
    url: `http://h/tap/async/${id}`,
    ...extra,
  });
  const listed = mergeRows([
    {
      service,
      refs: [ref('fast', 'COMPLETED', '2026-01-10T10:00:00Z'), ref('slow', 'COMPLETED', '2026-01-10T10:00:00Z'), ref('run', 'EXECUTING', '2026-01-10T10:00:00Z'), ref('wait', 'QUEUED', '2026-01-10T10:00:00Z'), ref('unread', 'COMPLETED', '2026-01-10T10:00:00Z')],
      local: [],
    },
  ]);
  const docs = new Map<string, UwsJob>([
    ['fast', doc('fast', { startTime: new Date('2026-01-10T10:00:10Z'), endTime: new Date('2026-01-10T10:00:15Z'), results: [{ id: 'result', href: 'http://h/r', type: null, mimeType: null, size: null }] })],
    ['slow', doc('slow', { startTime: new Date('2026-01-10T10:01:00Z'), endTime: new Date('2026-01-10T10:31:00Z') })],
    ['run', doc('run', { phase: 'EXECUTING', startTime: new Date('2026-01-10T10:00:00Z'), errorSummary: null })],
    ['wait', doc('wait', { phase: 'QUEUED' })],
  ]);
  const rows = withDetails(listed, (r: JobRow) => docs.get(r.jobId), () => false);

  it('search finds a listed job by the query text its document holds', () => {
    expect(filterRows(rows, { q: 'MAG < 12' }, now).map((r) => r.jobId).sort()).toEqual(['fast', 'run', 'slow', 'wait']);
    expect(rows.find((r) => r.jobId === 'fast')?.resultCount).toBe(1);
  });

  it('sorts by run time, longest first, jobs without one last', () => {
    const order = filterRows(rows, { sort: { column: 'runTime', desc: true } }, now).map((r) => r.jobId);
    expect(order.slice(0, 3)).toEqual(['run', 'slow', 'fast']);
    expect(order.slice(3).sort()).toEqual(['unread', 'wait']);
  });

  it('calls a job stuck when it executes beyond its execution duration or waits in the queue too long', () => {
    const byId = new Map(rows.map((r) => [r.jobId, r]));
    expect(stuckReason(byId.get('run')!, now)).toMatch(/beyond its execution duration/);
    expect(stuckReason(byId.get('wait')!, now, 60)).toMatch(/Queued longer than 60 min/);
    expect(stuckReason(byId.get('wait')!, now, 180)).toBeNull();
    expect(filterRows(rows, { stuck: true, stuckQueuedMinutes: 60 }, now).map((r) => r.jobId).sort()).toEqual(['run', 'wait']);
  });

  it('filters by owner, run id and an end bound of the time window', () => {
    expect(filterRows(rows, { owner: 'ANN' }, now)).toHaveLength(4);
    expect(filterRows(rows, { before: new Date('2026-01-10T09:00:00Z') }, now)).toHaveLength(0);
  });

  it('a document arriving changes only its own row: the other rows stay the same objects and are not drawn again', () => {
    const merger = new DetailMerger();
    const held = new Map(docs);
    held.delete('wait');
    const before = merger.merge(listed, (r) => held.get(r.jobId), () => false);
    held.set('wait', docs.get('wait')!);
    const after = merger.merge(listed, (r) => held.get(r.jobId), () => false);
    const changed = after.filter((r, i) => r !== before[i]).map((r) => r.jobId);
    expect(changed).toEqual(['wait']);
    expect(after.find((r) => r.jobId === 'wait')).toMatchObject({ detail: 'held', phase: 'QUEUED', executionDuration: 600 });
  });
});
