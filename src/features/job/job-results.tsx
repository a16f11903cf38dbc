import type { ReactNode } from 'react';
import { SampSend } from '../../components/samp-send';
import { ServiceLink } from '../../components/service-link';
import { formatBytes } from '../../lib/format';
import { unproxiedUrl } from '../../lib/proxy';
import { safeHttpUrl } from '../../lib/safe-url';
import { sampTableFormat, sampTableId } from '../../lib/samp/session';
import type { ServiceConfig } from '../../lib/services';
import { findParameter, isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { DownloadButton } from './download-button';
import { mainResult } from '../../lib/result-files';

/**
 * The job's result documents, each with one way to get its bytes: a Download
 * button (through the service's transport, so its credential goes along).
 * A result whose href is not an http(s) URL is shown as text with a note,
 * and offers no download. The main result is shown below as a table.
 */
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
  const mainIsSafe = main !== null && safeHttpUrl(main.href) !== null;
  const requestedFormat = (findParameter(job, 'RESPONSEFORMAT') ?? findParameter(job, 'FORMAT'))?.value ?? null;
  const sampFormat = main ? sampTableFormat(main.mimeType, requestedFormat) : null;
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label="Result documents">
        {job.results.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
            <span className="font-mono text-xs">
              <bdi>{r.id}</bdi>
              {r === main && <span className="ml-1 rounded bg-sky-100 px-1 text-sky-900 dark:bg-sky-900 dark:text-sky-100">main</span>}
            </span>
            {r.mimeType && (
              <bdi className="text-xs text-slate-600 dark:text-slate-400">{r.mimeType}</bdi>
            )}
            {r.size !== null && <span className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(r.size)}</span>}
            {safeHttpUrl(r.href) === null ? (
              <ServiceLink href={r.href} className="text-xs" />
            ) : (
              <DownloadButton service={service} jobId={job.jobId} result={r} label="Download" accessibleLabel={`Download result ${r.id}`} />
            )}
          </li>
        ))}
      </ul>
      {job.phase === 'COMPLETED' && main && mainIsSafe && sampFormat && (
        <SampSend
          url={unproxiedUrl(main.href)}
          tableId={sampTableId(unproxiedUrl(main.href))}
          name={`${job.runId || job.jobId} ${main.id}`}
          format={sampFormat}
          credentialNote={credentialNote(service)}
        />
      )}
      {job.phase === 'COMPLETED' && main && mainIsSafe && !sampFormat && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          VO tools load VOTable and FITS tables over SAMP, not this result&apos;s format. Export the rows as VOTable below, or download the result and open the file in the tool.
        </p>
      )}
      {job.phase === 'COMPLETED' && main && mainIsSafe && renderResults && <div data-testid="results-view">{renderResults(job)}</div>}
    </div>
  );
}

/** Other tools fetch the result themselves: they have none of this app's credentials. */
function credentialNote(service: ServiceConfig): string | null {
  if (service.credential.kind === 'none') return null;
  return `This result is read with your ${service.credential.kind === 'bearer' ? 'token' : 'login'} for ${service.label}; another tool would not have it and could not load the table. Download the result and open the file in the tool instead.`;
}
