import { useMemo, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { ServiceLink } from '../../components/service-link';
import { formatBytes, formatCount } from '../../lib/format';
import { safeHttpUrl } from '../../lib/safe-url';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob, UwsResult } from '../../protocol/uws/types';
import type { VoTableTable } from '../../protocol/votable/types';
import { PREVIEW_BYTES, type PreviewResult, type TableResult } from './fetch-result';
import { DecoderWarnings, MetaList, QueryStatusBanner, metaItems, warningsOf } from './result-meta';
import { ResultTooLargeError } from '../../protocol/votable/worker-errors';
import { useAutoLoadLimit } from './auto-load-limit';
import { LoadingProgress, SizeGate } from './result-loading';
import { TableView } from './table-view';
import { useResult } from './use-result';

export interface ResultsPanelProps {
  service: ServiceConfig;
  job: UwsJob;
}

/** The results of a job: a switcher when there are several, then the chosen one. */
export function ResultsPanel({ service, job }: ResultsPanelProps) {
  const [chosen, setChosen] = useState(() => Math.max(0, job.results.findIndex((r) => r.id === 'result')));
  if (job.results.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">This job has no results.</p>;
  }
  const index = Math.min(chosen, job.results.length - 1);
  const result = job.results[index]!;
  return (
    <section aria-label="Results" className="flex flex-col gap-3">
      {job.results.length > 1 && (
        <div role="group" aria-label="Result" className="flex flex-wrap gap-1">
          {job.results.map((r, i) => (
            <Button key={r.id} size="sm" variant={i === index ? 'primary' : 'secondary'} aria-pressed={i === index} onClick={() => setChosen(i)}>
              {r.id}
            </Button>
          ))}
        </div>
      )}
      <ResultView key={result.href} service={service} jobId={job.jobId} result={result} />
    </section>
  );
}

function ResultView({ service, jobId, result }: { service: ServiceConfig; jobId: string; result: UwsResult }) {
  const safe = safeHttpUrl(result.href) !== null;
  const limit = useAutoLoadLimit();
  // The UWS result's size, where the service gives it; else the worker stops at the limit by Content-Length or bytes.
  const knownTooBig = result.size !== null && result.size > limit;
  const { query, loading, cancel, load, loadLarge } = useResult(service, result.href, safe && !knownTooBig);
  if (!safe) return <ServiceLink href={result.href} className="text-sm" />;
  const tooLarge = query.error instanceof ResultTooLargeError ? query.error : null;
  if (!query.data && query.fetchStatus === 'idle' && (tooLarge || knownTooBig)) {
    return <SizeGate size={tooLarge ? tooLarge.size : result.size} atLeast={tooLarge?.atLeast ?? 0} limit={limit} onLoad={loadLarge} />;
  }
  const tableData = query.data?.kind === 'table' ? query.data : null;
  if (query.data && query.data.kind !== 'table') return <PreviewView data={query.data} result={result} />;
  if (!tableData && query.isError) {
    return <ErrorMessage error={query.error} context="Loading the result" service={service} onRetry={load} />;
  }
  if (!tableData && query.fetchStatus === 'idle') {
    return (
      <div className="flex items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
        <span>Loading the result was cancelled.</span>
        <Button size="sm" onClick={load}>
          Load result
        </Button>
      </div>
    );
  }
  // The first rows and the whole table share one view: the grid stays in place when the rest arrives,
  // with the user's scroll position, active cell and focus.
  return (
    <div className="flex flex-col gap-3">
      {!tableData && <LoadingProgress progress={loading.progress} expectedBytes={result.size} onCancel={cancel} />}
      {(tableData || loading.rows) && <VotableView service={service} data={tableData} firstRows={loading.rows} jobId={jobId} result={result} />}
    </div>
  );
}

/** A VOTable's tables and what it says about them; while it arrives (data null), the rows of its first table so far. */
function VotableView(props: { service: ServiceConfig; data: TableResult | null; firstRows: VoTableTable | null; jobId: string; result: UwsResult }) {
  const { service, data, firstRows, jobId, result } = props;
  const votable = data?.votable ?? null;
  const [tableIndex, setTableIndex] = useState(0);
  const tables = votable ? votable.tables : firstRows ? [firstRows] : [];
  const table = tables[Math.min(tableIndex, tables.length - 1)];
  const items = useMemo(() => {
    if (!votable) return [];
    const resourceInfos = votable.resources.flatMap((r) => r.infos);
    const resourceParams = votable.resources.flatMap((r) => r.params);
    return metaItems([...votable.infos, ...resourceInfos, ...(table?.infos ?? [])], [...votable.params, ...resourceParams, ...(table?.params ?? [])]);
  }, [votable, table]);
  const status = votable?.queryStatus ?? null;
  const warnings = useMemo(() => (votable ? warningsOf(votable) : []), [votable]);
  return (
    <div className="flex flex-col gap-3">
      {status && <QueryStatusBanner status={status.status} message={status.message} rows={table?.rowCount ?? 0} />}
      <DecoderWarnings warnings={warnings} />
      {votable && votable.tables.length > 1 && (
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-700 dark:text-slate-300">Table</span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
            value={tableIndex}
            onChange={(event) => setTableIndex(Number(event.target.value))}
          >
            {votable.tables.map((t, i) => (
              <option key={i} value={i}>
                {t.name || t.id || `Table ${i + 1}`} ({formatCount(t.rowCount)} rows)
              </option>
            ))}
          </select>
        </label>
      )}
      <MetaList items={items} />
      {table ? (
        <TableView key={tableIndex} service={service} table={table} data={data} jobId={jobId} result={result} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">This VOTable holds no table.</p>
      )}
    </div>
  );
}

function PreviewView({ data, result }: { data: PreviewResult; result: UwsResult }) {
  const mime = data.contentType ?? result.mimeType ?? 'unknown type';
  return (
    <div className="flex flex-col gap-2">
      {data.decodeError && (
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
        >
          This looks like a VOTable but could not be read: {data.decodeError}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
        <span>
          {mime} · {formatBytes(data.byteLength)}
          {data.text !== null && data.truncated ? ` · first ${formatBytes(PREVIEW_BYTES)} shown` : ''}
        </span>
      </div>
      {data.text === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          This result is binary content ({mime}) that uws-desk cannot show as a table. Use its Download button above to open it in a
          suitable program.
        </p>
      ) : (
        <pre
          aria-label="Result preview"
          tabIndex={0}
          className="max-h-[520px] overflow-auto rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-xs whitespace-pre text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {data.text}
        </pre>
      )}
    </div>
  );
}
