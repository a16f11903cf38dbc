import { CopyAsCode } from '../../components/copy-as-code';
import { unproxiedUrl } from '../../lib/proxy';
import { jobSnippet } from '../../lib/code-snippets';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message';
import { PhaseBadge } from '../../components/phase-badge';
import { useDocumentTitle } from '../../lib/document-title';
import { useJobFinishedNotice } from '../../lib/job-finished-notice';
import { useAutoRetry, useJob } from '../../api';
import { RetryCountdown } from '../../components/retry-countdown';
import { markJobGone } from '../../lib/local-jobs';
import { jobListPath, submitPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { NotFoundError, isPermanent } from '../../protocol/http/errors';
import { userRunId } from '../../protocol/tap';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { DestructionForm } from './destruction-form';
import { DurationForm } from './duration-form';
import { FinishNotice } from './finish-notice';
import { JobActions } from './job-actions';
import { JobDetails } from './job-details';
import { JobError } from './job-error';
import { JobParameters } from './job-parameters';
import { JobResults } from './job-results';
import { PHASE_EXPLANATIONS } from './phases';
import { ProgressNote } from './progress-note';
import { linkClass } from './styles';
import { cn } from '../../lib/cn';

export interface JobPageProps {
  service: ServiceConfig;
  jobUrl: string;
  renderResults?: (job: UwsJob) => ReactNode;
}

const card = 'rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900/60';

function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className={cn(card, className)}>
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Gone({ service, jobUrl, error }: { service: ServiceConfig; jobUrl: string; error: unknown }) {
  useEffect(() => {
    markJobGone(jobUrl);
  }, [jobUrl]);
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">Job not found</h1>
      <ErrorMessage error={error} service={service} />
      <p className="text-sm">
        <Link className={linkClass} to={jobListPath(service.tapUrl)}>
          Back to the job list
        </Link>
      </p>
    </div>
  );
}

export function JobPage({ service, jobUrl, renderResults }: JobPageProps) {
  const query = useJob(service, jobUrl);
  const job = query.data;
  // A job that could not be read at all is tried again by itself, with a countdown.
  const unread = !job && query.isError && !isPermanent(query.error);
  const retry = useAutoRetry({
    failing: unread,
    failedAt: query.errorUpdatedAt,
    busy: query.isFetching,
    retry: () => void query.refetch({ cancelRefetch: false }),
  });
  useJobFinishedNotice(job);
  useDocumentTitle(job ? `${userRunId(job.runId) ?? `Job ${job.jobId}`} · ${job.phase}` : 'Job');

  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        Loading job from {service.label}…
      </p>
    );
  }
  if (query.isError && query.error instanceof NotFoundError) {
    return <Gone service={service} jobUrl={jobUrl} error={query.error} />;
  }
  if (!job) {
    return (
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Job</h1>
        <ErrorMessage service={service} error={query.error} context={`The job could not be read from ${service.label}`} className="mt-2" />
        {unread ? (
          <RetryCountdown secondsLeft={retry.secondsLeft} busy={query.isFetching} retryNow={retry.retryNow} />
        ) : (
          <button type="button" className={linkClass} onClick={() => void query.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const live = !isFinalPhase(job.phase);
  const adql = job.parameters.find((p) => /^query$/i.test(p.id) && !p.byReference)?.value ?? null;
  const results = (
    <Section title="Results">
      <JobResults service={service} job={job} renderResults={renderResults} />
    </Section>
  );
  return (
    <div className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link className={linkClass} to={jobListPath(service.tapUrl)}>
          {service.label} jobs
        </Link>{' '}
        / <span>{job.jobId}</span>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
            <span className="break-all">{userRunId(job.runId) ?? `Job ${job.jobId}`}</span>
            <span data-testid="job-phase" data-phase={job.phase}>
              <PhaseBadge phase={job.phase} />
            </span>
          </h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="phase-explanation">
            {PHASE_EXPLANATIONS[job.phase]}
          </p>
          <ProgressNote job={job} />
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400" aria-live="off">
            {live ? 'Watching for changes on the server.' : 'This job has ended; the page no longer polls.'}
            {live && <FinishNotice />}
            {query.isError && ' The last update failed; retrying.'}
          </p>
        </div>
        <JobActions service={service} job={job} jobUrl={jobUrl} />
      </header>
      {query.isError && <ErrorMessage service={service} error={query.error} context="The latest state could not be read; the page shows the last one known" className="mt-2" />}
      <JobError service={service} job={job} />
      {job.phase === 'COMPLETED' && results}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section title="Details">
          <JobDetails job={job} />
        </Section>
        <div className="space-y-3">
          <Section title="Change">
            <div className="space-y-4">
              {/* A new phase starts the form afresh: an outcome from before the job ran would only confuse. */}
              <DurationForm key={job.phase} service={service} job={job} jobUrl={jobUrl} />
              <DestructionForm service={service} job={job} jobUrl={jobUrl} />
            </div>
          </Section>
        </div>
      </div>
      <Section title="Parameters">
        <JobParameters job={job} />
        {adql !== null && (
          <p className="mt-2 text-xs">
            <Link className={linkClass} to={submitPath(service.tapUrl)} state={{ query: adql, error: job.phase === 'ERROR' ? (job.errorSummary?.message ?? null) : null }}>
              Edit as a new query
            </Link>
          </p>
        )}
        <div className="mt-3">
          <CopyAsCode
            title="Use this job from code"
            snippet={(tool) => jobSnippet(tool, { tapUrl: unproxiedUrl(service.tapUrl), jobUrl: unproxiedUrl(jobUrl), jobId: job.jobId, needsToken: service.credential.kind !== 'none' })}
          />
        </div>
      </Section>
      {job.phase !== 'COMPLETED' && results}
    </div>
  );
}
