import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { OpenJobForm } from '../components/open-job-form';
import { Spinner } from '../components/spinner';
import { JobPage } from '../features/job';
import { useDocumentTitle } from '../lib/document-title';
import { parseJobSearch } from '../lib/routes';
import { useCurrentService } from './current-service';
import { ServiceReachability } from './service-reachability';

/** The results grid is loaded only when a finished job shows its results. */
const ResultsPanel = lazy(async () => ({ default: (await import('../features/results')).ResultsPanel }));

export function JobRoute() {
  const [params] = useSearchParams();
  const { url } = parseJobSearch(params);
  const { service } = useCurrentService();
  useDocumentTitle(url ? `Job ${url.split('/').filter(Boolean).pop() ?? ''} — ${service.label}` : 'Open a job');
  if (!url) {
    return (
      <section className="max-w-xl space-y-3">
        <h1 className="text-lg font-semibold">Open a job</h1>
        <p className="text-sm">This link names no job. Enter a job number on {service.label}, or paste a job URL.</p>
        <OpenJobForm currentTapUrl={service.tapUrl} />
      </section>
    );
  }
  return (
    <>
      <ServiceReachability service={service} />
      <JobPage
        key={`${service.tapUrl}
${url}`}
        service={service}
        jobUrl={url}
        renderResults={(job) => (
          <Suspense fallback={<Spinner label="Loading the results view…" />}>
            <ResultsPanel service={service} job={job} />
          </Suspense>
        )}
      />
    </>
  );
}
