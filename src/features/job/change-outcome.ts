/**
 * What the server did with a change the user asked for, in plain words. UWS
 * services may refuse a change or alter it (cap a duration, round a date), and
 * answer with the job as they now hold it; these compare the two.
 */
import type { UwsJob } from '../../protocol/uws/types';
import { formatUtc } from '../../lib/format';
import { formatExecutionDuration, formatSpan } from '../../lib/format';

export interface Outcome {
  /** 'done': the server holds what was asked; 'altered': it holds something else. */
  kind: 'done' | 'altered';
  message: string;
}

const durationText = (seconds: number) => (seconds === 0 ? 'unlimited' : formatExecutionDuration(seconds));

/** `maxDuration`: the service's advertised limit, named when it is the reason for a change. */
export function durationOutcome(requested: number, job: UwsJob, maxDuration: number | null = null): Outcome {
  const held = job.executionDuration;
  if (held === requested) {
    return { kind: 'done', message: `The server now holds an execution duration of ${formatExecutionDuration(held)}.` };
  }
  if (held === null) {
    return { kind: 'altered', message: `The server did not say which execution duration it kept (you asked for ${requested} s).` };
  }
  const why = maxDuration !== null && held === maxDuration ? ', the longest it allows,' : '';
  return { kind: 'altered', message: `The server kept ${durationText(held)}${why} instead of ${durationText(requested)}.` };
}

/** `maxRetention`: the service's advertised limit in seconds, named when the server kept an earlier time. */
export function destructionOutcome(requested: Date, job: UwsJob, maxRetention: number | null = null): Outcome {
  const held = job.destruction;
  // Services store whole seconds at best; a difference below one second is not a change.
  if (held && Math.abs(held.getTime() - requested.getTime()) < 1000) {
    return { kind: 'done', message: `The server now holds destruction at ${formatUtc(held)}.` };
  }
  if (!held) {
    return { kind: 'altered', message: `The server did not say when it will destroy the job (you asked for ${formatUtc(requested)}).` };
  }
  const why = maxRetention !== null && held < requested ? ` The service keeps jobs at most ${formatSpan(maxRetention)}.` : '';
  return { kind: 'altered', message: `The server kept ${formatUtc(held)} instead of ${formatUtc(requested)}.${why}` };
}

export function runOutcome(job: UwsJob): Outcome {
  if (job.phase === 'PENDING' || job.phase === 'HELD') {
    return { kind: 'altered', message: `The server did not start the job: it is still ${job.phase}.` };
  }
  return { kind: 'done', message: `The server started the job: it is now ${job.phase}.` };
}

export function abortOutcome(job: UwsJob): Outcome {
  if (job.phase === 'ABORTED') return { kind: 'done', message: 'The server aborted the job.' };
  if (job.phase === 'COMPLETED' || job.phase === 'ERROR' || job.phase === 'ARCHIVED') {
    return { kind: 'altered', message: `The job had already ended (${job.phase}) before the abort arrived.` };
  }
  return { kind: 'altered', message: `The server did not abort the job: it is ${job.phase}.` };
}
