import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { JobRef } from '../../protocol/uws/types';
import { countPhases, filterRows, mergeRows } from './rows';

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
  const rows = mergeRows([{ service, refs, local, lookedUp: new Map() }]);

  it('merges this browser’s jobs into the server list without duplicates, keeping gone ones', () => {
    expect(rows.map((r) => r.jobId).sort()).toEqual(['a', 'b', 'c', 'z']);
    expect(rows.find((r) => r.jobId === 'a')?.query).toContain('gaia');
    expect(rows.find((r) => r.jobId === 'z')?.gone).toBe(true);
  });

  it('sorts newest first by default, oldest first on request', () => {
    expect(filterRows(rows, {}).map((r) => r.jobId)).toEqual(['z', 'b', 'c', 'a']);
    expect(filterRows(rows, { sort: 'oldest' }).map((r) => r.jobId)).toEqual(['a', 'c', 'b', 'z']);
  });

  it('filters by phase, AFTER and LAST, and searches id, run id and query text', () => {
    expect(filterRows(rows, { phases: ['ERROR', 'EXECUTING'] }).map((r) => r.jobId)).toEqual(['b', 'c']);
    expect(filterRows(rows, { after: new Date('2026-01-02T12:00:00Z') }).map((r) => r.jobId)).toEqual(['z', 'b']);
    expect(filterRows(rows, { last: 2, sort: 'oldest' }).map((r) => r.jobId)).toEqual(['b', 'z']);
    expect(filterRows(rows, { q: 'GAIA' }).map((r) => r.jobId)).toEqual(['a']);
    expect(filterRows(rows, { q: 'first' }).map((r) => r.jobId)).toEqual(['a']);
  });

  it('keeps listed jobs whose reference gives no creation time when AFTER is set: the server applied it', () => {
    const bare = mergeRows([{ service, refs: [{ ...ref('d', 'PENDING', '2026-01-01T00:00:00Z'), creationTime: null }], local: [], lookedUp: new Map() }]);
    expect(filterRows(bare, { after: new Date('2026-01-02T00:00:00Z') }).map((r) => r.jobId)).toEqual(['d']);
  });

  it('counts jobs per phase, gone ones apart', () => {
    expect(countPhases(rows)).toEqual({ COMPLETED: 1, EXECUTING: 1, ERROR: 1, GONE: 1 });
  });
});

describe('a list of 10 000 jobs', () => {
  it('is merged, filtered and sorted, newest first', () => {
    const phases = ['COMPLETED', 'ERROR', 'EXECUTING', 'PENDING', 'ABORTED'] as const;
    const many = Array.from({ length: 10_000 }, (_, i) =>
      ref(`j${i}`, phases[i % phases.length]!, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), `run-${i}`),
    );
    const merged = mergeRows([{ service, refs: many, local: [], lookedUp: new Map() }]);
    const shown = filterRows(merged, { phases: ['ERROR'], q: 'run-9' });
    expect(shown.length).toBe(222);
    expect(shown[0]!.jobId).toBe('j9996');
  });
});
