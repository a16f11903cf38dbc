import { expect, test } from 'vitest';
import { heldBytes, planRoom, type QuotaSettings } from './job-quota.ts';
import type { Job, Phase } from './uws.ts';

let clock = 0;
const job = (phase: Phase, ownerId?: string, bytes = 10): Job =>
  ({ id: String(++clock), phase, ownerId, heldBytes: bytes, creationTime: new Date(clock * 1000) }) as Job;
const anonymous: QuotaSettings = { maxJobs: 3, maxParamBytes: 1000, ownerCount: 1 };

test('without tokens a full store deletes the oldest finished job, and answers 503 when all are active', () => {
  const old = job('COMPLETED');
  const jobs = [job('EXECUTING'), old, job('ERROR')];
  expect(planRoom(jobs, undefined, { addJobs: 1, addBytes: 10 }, anonymous)).toEqual({ evict: [old] });
  const busy = planRoom([job('PENDING'), job('QUEUED'), job('EXECUTING')], undefined, { addJobs: 1, addBytes: 10 }, anonymous);
  expect(busy.refusal?.status).toBe(503);
  expect(busy.refusal?.headers['Retry-After']).toBe('10');
});

test('parameter bytes make room like jobs do, and a job larger than a share is 413', () => {
  const old = job('ABORTED', undefined, 600);
  expect(planRoom([old, job('PENDING', undefined, 300)], undefined, { addJobs: 1, addBytes: 200 }, anonymous).evict).toEqual([old]);
  expect(planRoom([], undefined, { addJobs: 1, addBytes: 1001 }, anonymous).refusal?.status).toBe(413);
});

test('an explicit per-owner limit applies even with a single owner', () => {
  const plan = planRoom([job('PENDING', 'a'), job('PENDING', 'a')], 'a', { addJobs: 1, addBytes: 1 }, { ...anonymous, maxJobsPerOwner: 2 });
  expect(plan.refusal?.status).toBe(429);
});

test('held bytes count parameter names and values and uploaded cells', () => {
  expect(heldBytes(new Map([['query', 'é']]), [])).toBe(7);
  expect(heldBytes(new Map(), [{ name: 't', columns: [], rows: [['ab', 1]] }])).toBe(2 + 8 + 8);
});
