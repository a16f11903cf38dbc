import { describe, expect, it } from 'vitest';
import type { JobRef } from '../protocol/uws/types';
import { listRefreshInterval, sameRefs } from './job-list';

const ref = (id: string, extra: Partial<JobRef> = {}): JobRef => ({
  jobId: id,
  href: `http://h/tap/async/${id}`,
  phase: 'PENDING',
  runId: null,
  ownerId: null,
  creationTime: new Date('2026-01-01T00:00:00Z'),
  ...extra,
});

describe('the job list read', () => {
  it('counts a read that says the same as the last as unchanged, whatever new objects it made', () => {
    expect(sameRefs([ref('a'), ref('b')], [ref('a'), ref('b')])).toBe(true);
  });

  it('counts a new job, another phase, run id, owner or creation time as a change', () => {
    const before = [ref('a'), ref('b')];
    expect(sameRefs(before, [ref('a')])).toBe(false);
    expect(sameRefs(before, [ref('a'), ref('b', { phase: 'QUEUED' })])).toBe(false);
    expect(sameRefs(before, [ref('a'), ref('b', { runId: 'r' })])).toBe(false);
    expect(sameRefs(before, [ref('a'), ref('b', { ownerId: 'o' })])).toBe(false);
    expect(sameRefs(before, [ref('a'), ref('b', { creationTime: null })])).toBe(false);
    expect(sameRefs(before, [ref('b'), ref('a')])).toBe(false);
  });

  it('reads again 5 s after a change, backing off to 30 s while nothing changes', () => {
    expect([0, 1, 2, 3, 10].map(listRefreshInterval)).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
  });
});
