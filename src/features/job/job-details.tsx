import { ServiceLink } from '../../components/service-link';
import type { ReactNode } from 'react';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { UtcTime } from '../../components/utc-time';
import { formatExecutionDuration, formatRelative, formatSpan } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ranForSeconds } from './progress-note';

function When({ date, now, testId }: { date: Date | null; now: number; testId?: string }) {
  if (!date) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <UtcTime
      date={date}
      testId={testId}
      after={<span className="text-slate-600 dark:text-slate-400"> ({formatRelative(date, now)})</span>}
    />
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9.5rem_1fr] gap-x-3 py-1.5">
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** Elapsed time of a running job against its limit; how long an ended job ran. */
function Elapsed({ job, now }: { job: UwsJob; now: number }) {
  const ran = isFinalPhase(job.phase) ? ranForSeconds(job) : null;
  if (ran !== null) {
    return (
      <div className="mt-1 text-slate-700 dark:text-slate-300" data-testid="ran-for">
        Ran for {formatSpan(ran)}
      </div>
    );
  }
  if (job.phase !== 'EXECUTING' || !job.startTime) return null;
  const elapsed = Math.max(0, (now - job.startTime.getTime()) / 1000);
  const limit = job.executionDuration && job.executionDuration > 0 ? job.executionDuration : null;
  return (
    <div className="mt-1 text-slate-700 dark:text-slate-300">
      <span data-testid="elapsed">Running for {formatSpan(elapsed)}</span>
      {limit !== null && (
        <>
          {' '}of {formatSpan(limit)}
          <progress
            className="ml-2 h-2 w-32 align-middle accent-sky-600"
            max={limit}
            value={Math.min(elapsed, limit)}
            aria-label="Share of the execution duration used"
          />
        </>
      )}
    </div>
  );
}

export function JobDetails({ job }: { job: UwsJob }) {
  // Seconds matter while the job runs; otherwise relative times move slowly.
  const now = useNow(job.phase === 'EXECUTING' ? 1000 : 15_000);
  return (
    <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
      <Row label="Job id">
        <code className="font-mono">
          <bdi>{job.jobId}</bdi>
        </code>
      </Row>
      <Row label="Run id">{job.runId !== null ? <bdi data-testid="run-id">{job.runId}</bdi> : <span className="text-slate-500 dark:text-slate-400">none</span>}</Row>
      <Row label="Owner">{job.ownerId !== null ? <bdi>{job.ownerId}</bdi> : <span className="text-slate-500 dark:text-slate-400">anonymous</span>}</Row>
      <Row label="Created">
        <When date={job.creationTime} now={now} />
      </Row>
      <Row label="Started">
        <When date={job.startTime} now={now} />
      </Row>
      <Row label="Ended">
        <When date={job.endTime} now={now} />
      </Row>
      <Row label="Execution duration">
        <span data-testid="execution-duration">{formatExecutionDuration(job.executionDuration)}</span>
        <Elapsed job={job} now={now} />
      </Row>
      <Row label="Destruction">
        {job.destruction ? (
          <UtcTime
            date={job.destruction}
            testId="destruction"
            after={
              <span className="text-slate-600 dark:text-slate-400">
                {' '}
                ({job.destruction.getTime() > now ? `destroyed ${formatRelative(job.destruction, now)}` : 'due now'})
              </span>
            }
          />
        ) : (
          <span className="text-slate-500 dark:text-slate-400">not stated</span>
        )}
      </Row>
      {/* A quote predicts when the job will end: once it has ended, the prediction is history. */}
      {!isFinalPhase(job.phase) && (
        <Row label="Expected end (quote)">
          {job.quote ? (
            <>
              <When date={job.quote} now={now} />
              {job.quote.getTime() < now && <span className="text-slate-600 dark:text-slate-400"> — overdue</span>}
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">not stated</span>
          )}
        </Row>
      )}
      <Row label="UWS version">{job.version}</Row>
      <Row label="Job URL">
        <ServiceLink href={job.url} className="font-mono text-xs" />
      </Row>
    </dl>
  );
}
