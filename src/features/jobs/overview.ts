/** Figures over the jobs in view: phases, run time and queue wait, stuck jobs. */
import { queueWait, runTime, stuckReason, type JobRow } from './rows';

export interface Spread {
  count: number;
  median: number;
  p90: number;
  max: number;
}

/** Median, 90th percentile (nearest rank) and maximum; null for no values. */
export function spread(values: number[]): Spread | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const rank = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))]!;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { count: v.length, median, p90: rank(0.9), max: v.at(-1)! };
}

export interface Overview {
  runTime: Spread | null;
  queueWait: Spread | null;
  stuck: JobRow[];
  /** Jobs whose documents are not read yet: not in the figures above. */
  unread: number;
  /** Jobs still in the queue (the list's phase and creation time suffice), and the longest wait so far, in seconds. */
  queued: { count: number; longest: number | null };
}

export function overview(rows: readonly JobRow[], now: number, stuckQueuedMinutes?: number): Overview {
  const runs: number[] = [];
  const waits: number[] = [];
  const stuck: JobRow[] = [];
  let unread = 0;
  const queued = { count: 0, longest: null as number | null };
  for (const r of rows) {
    if (r.gone) continue;
    if (r.phase === 'QUEUED' && !r.startTime) {
      queued.count++;
      const waited = queueWait(r, now);
      if (waited !== null) queued.longest = Math.max(queued.longest ?? 0, waited);
    }
    if (r.detail !== 'held') {
      unread++;
      continue;
    }
    // Finished runs only: a running job's time so far is not a run time.
    if (r.endTime && r.startTime) runs.push(runTime(r, now)!);
    if (r.startTime) waits.push(queueWait(r, now)!);
    if (stuckReason(r, now, stuckQueuedMinutes)) stuck.push(r);
  }
  return { runTime: spread(runs), queueWait: spread(waits), stuck, unread, queued };
}
