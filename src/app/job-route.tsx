import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { OpenJobForm } from '../components/open-job-form';
import { Spinner } from '../components/spinner';
import { JobPage } from '../features/job';
import { useDocumentTitle } from '../lib/document-title';
import { parseJobSearch } from '../lib/routes';
import { TableToolsContext, type TableToolsProps } from '../features/results/table-tools';
import { useCurrentService } from './current-service';

/** The results grid is loaded only when a finished job shows its results. */
const ResultsPanel = lazy(async () => ({ default: (await import('../features/results')).ResultsPanel }));

/** Plots, statistics, filters, DataLink and SAMP beside a result table: loaded with the first table shown. */
const TableTools = lazy(async () => ({ default: (await import('./table-tools')).TableTools }));

const renderTableTools = (props: TableToolsProps) => (
  <Suspense fallback={<Spinner label="Loading the table tools…" />}>
    <TableTools {...props} />
  </Suspense>
);

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
    <TableToolsContext.Provider value={renderTableTools}>
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
    </TableToolsContext.Provider>
  );
}
