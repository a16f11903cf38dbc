import type { UwsJob } from '../../protocol/uws/types';
import { formatRelative, formatSpan, formatUtc } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/** How long a job ran, start to end, in seconds; null when the service did not say both. */
export function ranForSeconds(job: Pick<UwsJob, 'startTime' | 'endTime'>): number | null {
  if (!job.startTime || !job.endTime) return null;
  const seconds = (job.endTime.getTime() - job.startTime.getTime()) / 1000;
  return seconds >= 0 ? seconds : null;
}

function Utc({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} className="whitespace-nowrap tabular-nums">
      {formatUtc(date)}
    </time>
  );
}

/**
 * One line under the phase about where the job stands in time: for a queued
 * job, the wait the service announces (its quote) or that it waits for a
 * slot; for an ended job, how long it ran.
 */
export function ProgressNote({ job }: { job: UwsJob }) {
  const now = useNow(15_000);
  const className = 'mt-0.5 text-sm text-slate-700 dark:text-slate-300';
  if (job.phase === 'QUEUED') {
    if (job.quote && job.quote.getTime() > now) {
      return (
        <p className={className} data-testid="progress-note">
          The service expects it to finish by <Utc date={job.quote} /> ({formatRelative(job.quote, now)}).
        </p>
      );
    }
    if (job.quote) {
      return (
        <p className={className} data-testid="progress-note">
          Waiting for a slot. The service expected it to finish by <Utc date={job.quote} />, which has passed.
        </p>
      );
    }
    return (
      <p className={className} data-testid="progress-note">
        Waiting for a slot: the service runs a few jobs at a time and starts this one when one frees. It does not say
        how long that takes.
      </p>
    );
  }
  const ran = ranForSeconds(job);
  if ((job.phase === 'COMPLETED' || job.phase === 'ERROR' || job.phase === 'ABORTED') && ran !== null) {
    return (
      <p className={className} data-testid="progress-note">
        Ran for {formatSpan(ran)}, from <Utc date={job.startTime!} /> to <Utc date={job.endTime!} />.
      </p>
    );
  }
  return null;
}
