import { useSearchParams } from 'react-router';
import { OpenJobForm } from '../components/open-job-form';
import { JobPage } from '../features/job';
import { ResultsPanel } from '../features/results';
import { useDocumentTitle } from '../lib/document-title';
import { parseJobSearch } from '../lib/routes';
import { useCurrentService } from './current-service';

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
    <JobPage
      key={`${service.tapUrl}\n${url}`}
      service={service}
      jobUrl={url}
      renderResults={(job) => <ResultsPanel service={service} job={job} />}
    />
  );
}
