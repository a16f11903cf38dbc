import { useQuery } from '@tanstack/react-query';
import { errorDetailQueryOptions } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob } from '../../protocol/uws/types';
import { ErrorMessage } from '../../components/error-message';

/** The service's error summary and, where it has one, the /error document. */
export function JobError({ service, job }: { service: ServiceConfig; job: UwsJob }) {
  const wantDetail = job.phase === 'ERROR' || job.errorSummary?.hasDetail === true;
  const detail = useQuery({ ...errorDetailQueryOptions(service, job.url), enabled: wantDetail });
  if (!job.errorSummary && job.phase !== 'ERROR') return null;
  const summary = job.errorSummary;
  return (
    <section aria-labelledby="job-error-heading" className="rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950/40">
      <h2 id="job-error-heading" className="text-base font-semibold text-red-900 dark:text-red-200">
        Error{summary?.type ? <> (<bdi>{summary.type}</bdi>)</> : ''}
      </h2>
      <p data-testid="error-summary" className="mt-1 text-sm whitespace-pre-wrap text-red-900 dark:text-red-100">
        {summary?.message ? <bdi>{summary.message}</bdi> : 'The service gave no error summary.'}
      </p>
      {wantDetail && (
        <div className="mt-2">
          <h3 className="text-sm font-medium text-red-900 dark:text-red-200">Details from the service</h3>
          {detail.isPending ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">Loading the error document…</p>
          ) : detail.isError ? (
            <ErrorMessage service={service} error={detail.error} context="The error document could not be read" className="mt-2" />
          ) : detail.data && detail.data.trim() === summary?.message?.trim() ? (
            <p data-testid="error-detail-same" className="text-sm text-slate-700 dark:text-slate-300">
              The service’s error document says the same.
            </p>
          ) : detail.data ? (
            <pre
              data-testid="error-detail"
              className="mt-1 max-h-72 overflow-auto rounded bg-white p-2 font-mono text-xs whitespace-pre-wrap text-slate-900 dark:bg-slate-900 dark:text-slate-100"
            >
              {detail.data}
            </pre>
          ) : (
            <p className="text-sm text-slate-700 dark:text-slate-300">The service has no further detail.</p>
          )}
        </div>
      )}
    </section>
  );
}
