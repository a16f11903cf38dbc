import { describe, expect, it } from 'vitest';
import { jobListPath, jobPath, parseJobListSearch, parseJobSearch, submitPath } from './routes';

const tap = 'http://127.0.0.1:8421/tap';

describe('deep links', () => {
  it('a job list link with filters reads back to the same filters', () => {
    const after = new Date('2026-01-02T03:04:05.000Z');
    const path = jobListPath(tap, { phases: ['ERROR', 'EXECUTING'], after, last: 50, q: 'gaia ', sort: { column: 'created', desc: false } });
    const parsed = parseJobListSearch(path.split('?')[1]!);
    expect(parsed).toEqual({ service: tap, phases: ['EXECUTING', 'ERROR'], after, last: 50, q: 'gaia', sort: { column: 'created', desc: false } });
  });

  it('a triage view reads back whole: time window, owner, run id, stuck filter, column order and view name', () => {
    const filters = {
      after: new Date('2026-01-01T00:00:00.000Z'),
      before: new Date('2026-01-08T00:00:00.000Z'),
      owner: 'anna',
      runId: 'nightly',
      stuck: true,
      stuckQueuedMinutes: 30,
      sort: { column: 'runTime', desc: true },
      view: 'Stuck this week',
    };
    const { service: _s, phases: _p, ...parsed } = parseJobListSearch(jobListPath(tap, filters).split('?')[1]!);
    expect(parsed).toEqual(filters);
  });

  it('the all-services list is addressable', () => {
    expect(parseJobListSearch(jobListPath('all').split('?')[1]!).service).toBe('all');
  });

  it('malformed list parameters are dropped, not fatal', () => {
    const parsed = parseJobListSearch('service=x&phase=NOPE&phase=completed&after=yesterday&last=-3');
    expect(parsed).toEqual({ service: 'x', phases: ['COMPLETED'] });
  });

  it('a job link carries the service and the job URL intact', () => {
    const jobUrl = 'http://h/tap/async/a b?x=1&y=2';
    const path = jobPath(tap, jobUrl);
    expect(path.startsWith('/job?')).toBe(true);
    expect(parseJobSearch(path.split('?')[1]!)).toEqual({ service: tap, url: jobUrl });
  });

  it('the submit link names the service', () => {
    expect(submitPath(tap)).toBe(`/submit?service=${encodeURIComponent(tap)}`);
  });
});
