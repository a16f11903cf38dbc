import { linkClass } from './styles';
import type { ReactNode } from 'react';
import { SampSend } from '../../components/samp-send';
import { formatBytes } from '../../lib/format';
import { unproxiedUrl } from '../../lib/proxy';
import type { ServiceConfig } from '../../lib/services';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { DownloadButton } from './download-button';
import { mainResult, resultFileName } from './main-result';

export function JobResults({
  service,
  job,
  renderResults,
}: {
  service: ServiceConfig;
  job: UwsJob;
  renderResults?: (job: UwsJob) => ReactNode;
}) {
  const main = mainResult(job);
  if (job.results.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {job.phase === 'COMPLETED'
          ? 'The service lists no results for this job.'
          : isFinalPhase(job.phase)
            ? `The job ended ${job.phase} without results.`
            : 'Results appear here when the job completes.'}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label="Result documents">
        {job.results.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
            <span className="font-mono text-xs">
              {r.id}
              {r === main && <span className="ml-1 rounded bg-sky-100 px-1 text-sky-900 dark:bg-sky-900 dark:text-sky-100">main</span>}
            </span>
            {r.mimeType && <span className="text-xs text-slate-600 dark:text-slate-400">{r.mimeType}</span>}
            {r.size !== null && <span className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(r.size)}</span>}
            <a href={r.href} target="_blank" rel="noreferrer" className={`text-xs ${linkClass}`}>
              Open {r.id === 'result' ? 'raw result' : r.id}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
            <DownloadButton service={service} href={r.href} fileName={resultFileName(job, r)} label={`Download ${r.id}`} />
          </li>
        ))}
      </ul>
      {job.phase === 'COMPLETED' && main && (
        <SampSend
          url={unproxiedUrl(main.href)}
          tableId={`${job.url}#${main.id}`}
          name={`${job.runId || job.jobId} ${main.id}`}
          credentialNote={credentialNote(service)}
        />
      )}
      {job.phase === 'COMPLETED' && main && renderResults && <div data-testid="results-view">{renderResults(job)}</div>}
    </div>
  );
}

/** Other tools fetch the result themselves: they have none of this app's credentials. */
function credentialNote(service: ServiceConfig): string | null {
  if (service.credential.kind === 'none') return null;
  return `This result is read with your ${service.credential.kind === 'bearer' ? 'token' : 'login'} for ${service.label}; another tool would not have it and could not load the table. Download the result and open the file in the tool instead.`;
}
