/**
 * When to look at a job next: the whole polling schedule, as pure functions
 * of the job, how many reads in a row brought no change, and whether its
 * service honours UWS 1.1 WAIT.
 *
 * - WAIT (long polling) while the service speaks UWS 1.1 and the job is in a
 *   phase in which the server blocks: the next wait starts a moment after the
 *   previous one returned, so a change shows within that moment.
 * - Otherwise plain reads, 1 s after a change and doubling while nothing
 *   changes, up to 30 s.
 * - Nothing at a final phase.
 */
import { WAIT_BLOCKING_PHASES } from '../protocol/uws/client';
import { isFinalPhase, type UwsJob } from '../protocol/uws/types';

/** Longest wait asked of a server in one request, in seconds. */
export const WAIT_SECONDS = 60;
/** Pause between one wait returning and the next starting. */
export const POLL_GAP_MS = 500;
/** Plain polling: first delay after a change, and the cap. */
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;
/** A wait that returns sooner than this with no change was not honoured. */
export const WAIT_AT_ONCE_MS = 1_000;

/** What the schedule remembers about the reads that produced a job. */
export interface PollNote {
  /** Reads in a row that brought no change. */
  unchanged: number;
  /** Failed reads since the job was last read. */
  failures: number;
}

const notes = new WeakMap<UwsJob, PollNote>();

/** The note for a job as cached; a job written by a change (or not yet read) starts afresh. */
export function pollNote(job: UwsJob): PollNote {
  let note = notes.get(job);
  if (!note) {
    note = { unchanged: 0, failures: 0 };
    notes.set(job, note);
  }
  return note;
}

/** What makes a read count as a change. */
function fingerprint(job: UwsJob): string {
  const t = (d: Date | null) => d?.getTime() ?? '';
  return [
    job.phase,
    t(job.quote),
    t(job.startTime),
    t(job.endTime),
    t(job.destruction),
    job.executionDuration ?? '',
    job.results.length,
    job.errorSummary ? 1 : 0,
  ].join('|');
}

/** Record a new read of a job against the one it replaces. */
export function noteRead(previous: UwsJob | undefined, next: UwsJob): UwsJob {
  const changed = !previous || fingerprint(previous) !== fingerprint(next);
  notes.set(next, { unchanged: changed ? 0 : pollNote(previous).unchanged + 1, failures: 0 });
  return next;
}

/** Whether the next look at this job is a WAIT. */
export function usesWait(job: UwsJob, serviceIgnoresWait: boolean): boolean {
  return job.version !== '1.0' && !serviceIgnoresWait && WAIT_BLOCKING_PHASES.has(job.phase);
}

/** Plain polling delay after `steps` reads without change. */
export function backoffMs(steps: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(steps, 16));
}

/** Milliseconds until the next look at `job`, or false to stop looking. */
export function nextPollDelay(job: UwsJob | undefined, serviceIgnoresWait: boolean, failing: boolean): number | false {
  if (!job || isFinalPhase(job.phase)) return false;
  const note = pollNote(job);
  if (failing) return backoffMs(note.unchanged + note.failures);
  return usesWait(job, serviceIgnoresWait) ? POLL_GAP_MS : backoffMs(note.unchanged);
}
