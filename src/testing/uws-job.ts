/** A UWS job for tests: a pending job with no results, any field replaced by `overrides`. */
import type { UwsJob, UwsResult } from '../protocol/uws/types';

export const TEST_JOB_URL = 'http://tap.example/tap/async/j1';

export function aJob(overrides: Partial<UwsJob> = {}): UwsJob {
  return {
    jobId: 'j1',
    runId: null,
    ownerId: null,
    phase: 'PENDING',
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
    url: TEST_JOB_URL,
    ...overrides,
  };
}

/** A result of a job, under its job's URL unless `href` is given. */
export function aResult(id: string, overrides: Partial<UwsResult> = {}): UwsResult {
  return { id, href: `${TEST_JOB_URL}/results/${id}`, type: 'simple', mimeType: null, size: null, ...overrides };
}
