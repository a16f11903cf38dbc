import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import { overview, spread } from './overview';
import { mergeRows } from './rows';

describe('run time and queue wait figures', () => {
  it('gives median, 90th percentile and maximum', () => {
    expect(spread([5, 1, 3, 2, 4, 6, 7, 8, 9, 100])).toEqual({ count: 10, median: 5.5, p90: 9, max: 100 });
    expect(spread([4])).toEqual({ count: 1, median: 4, p90: 4, max: 4 });
    expect(spread([])).toBeNull();
  });
});

describe('the overview of the jobs in view', () => {
  it('counts the jobs still queued and the longest wait so far, from the list alone', () => {
    const service: ServiceConfig = { id: 's', label: 'S', tapUrl: 'http://h/tap', credential: { kind: 'none' }, preset: false };
    const ref = (id: string, phase: 'QUEUED' | 'PENDING', created: string) => ({ jobId: id, href: `http://h/tap/async/${id}`, phase, runId: null, ownerId: null, creationTime: new Date(created) });
    const rows = mergeRows([{ service, refs: [ref('a', 'QUEUED', '2026-01-10T11:50:00Z'), ref('b', 'QUEUED', '2026-01-10T11:58:00Z'), ref('c', 'PENDING', '2026-01-10T11:00:00Z')], local: [] }]);
    const o = overview(rows, Date.parse('2026-01-10T12:00:00Z'));
    expect(o.queued).toEqual({ count: 2, longest: 600 });
    expect(o.queueWait).toBeNull();
    expect(o.unread).toBe(3);
  });
});
