/**
 * What a bulk action does to each job, decided from what the job holds:
 * pure functions, so each rule is tested on its own.
 */
import { findParameter, type UwsJob } from '../../protocol/uws/types';
import type { AsyncQuery } from '../../protocol/tap';
import { formatUtc } from '../../lib/format';

/** Thrown by a bulk step that decides, once it knows the job, to leave it alone. */
export class SkipJob extends Error {
  override name = 'SkipJob';
}

export type ExtendMode = { kind: 'add'; days: number } | { kind: 'atLeast'; date: Date };

/**
 * The new destruction time for a job, or a reason to leave it: never earlier
 * than the job's own. "Add N days" adds to the job's own destruction time;
 * "keep until at least" leaves jobs already kept longer as they are.
 */
export function extendTarget(current: Date | null, mode: ExtendMode): Date | { skip: string } {
  if (mode.kind === 'add') {
    if (!current) return { skip: 'The service states no destruction time for this job, so there is nothing to add to.' };
    return new Date(current.getTime() + mode.days * 86_400_000);
  }
  if (current && current.getTime() >= mode.date.getTime()) {
    return { skip: `Already kept until ${formatUtc(current)}, later than asked.` };
  }
  return mode.date;
}

/** What the service did with the asked destruction time, in a line. */
export function extendNote(before: Date | null, asked: Date, after: Date | null): string {
  if (!after) return 'The service did not say the new destruction time.';
  if (before && after.getTime() < before.getTime()) return `The service moved destruction earlier, to ${formatUtc(after)}.`;
  if (after.getTime() + 60_000 < asked.getTime()) return `Destruction now ${formatUtc(after)} (the service allows no later date).`;
  return `Destruction now ${formatUtc(after)}.`;
}

const RERUN_PHASES = new Set(['ERROR', 'ABORTED']);

/** The parameters of a new job that repeats this one, or why it cannot be repeated. */
export function rerunInput(job: UwsJob, run: boolean): AsyncQuery | { skip: string } {
  if (!RERUN_PHASES.has(job.phase)) return { skip: `Only failed or aborted jobs are re-run; this one is ${job.phase.toLowerCase()}.` };
  const query = findParameter(job, 'QUERY');
  if (!query || query.byReference || !query.value.trim()) return { skip: 'The job document holds no query to repeat.' };
  // Services list every parameter they know, UPLOAD too, empty when unused.
  if (findParameter(job, 'UPLOAD')?.value.trim()) return { skip: 'The job used an uploaded table; open it and submit again with the file.' };
  const input: AsyncQuery = { query: query.value, run };
  const lang = findParameter(job, 'LANG')?.value.trim();
  if (lang) input.lang = lang;
  const maxrec = Number(findParameter(job, 'MAXREC')?.value);
  if (Number.isInteger(maxrec) && maxrec >= 0 && findParameter(job, 'MAXREC')?.value.trim()) input.maxrec = maxrec;
  const format = (findParameter(job, 'RESPONSEFORMAT') ?? findParameter(job, 'FORMAT'))?.value.trim();
  if (format) input.format = format;
  const runId = job.runId ?? findParameter(job, 'RUNID')?.value.trim();
  if (runId) input.runId = runId;
  return input;
}
