import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { ServiceLink } from '../../components/service-link';
import { Spinner } from '../../components/spinner';
import { formatBytes, formatCount } from '../../lib/format';
import { safeHttpUrl } from '../../lib/safe-url';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob, UwsResult } from '../../protocol/uws/types';
import type { VoTableTable } from '../../protocol/votable/types';
import { tableToCsvBlob } from './csv-export';
import { resultFileName, saveBlob } from '../../lib/result-files';
import { PREVIEW_BYTES, type PreviewResult, type TableResult } from './fetch-result';
import { DecoderWarnings, MetaList, QueryStatusBanner, metaItems, warningsOf } from './result-meta';
import { ResultTooLargeError } from '../../protocol/votable/worker-errors';
import { useAutoLoadLimit } from './auto-load-limit';
import { LoadingProgress, SizeGate } from './result-loading';
import { ResultsGrid } from './results-grid';
import { isSortable, nextSort, sortPermutation, type SortState } from './sort-rows';
import { useResult } from './use-result';

export interface ResultsPanelProps {
  service: ServiceConfig;
  job: UwsJob;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
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
  if (query.data) {
    return query.data.kind === 'table' ? (
      <VotableView data={query.data} jobId={jobId} result={result} />
    ) : (
      <PreviewView data={query.data} result={result} />
    );
  }
  if (query.isError) {
    return <ErrorMessage error={query.error} context="Loading the result" service={service} onRetry={load} />;
  }
  if (query.fetchStatus === 'idle') {
    return (
      <div className="flex items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
        <span>Loading the result was cancelled.</span>
        <Button size="sm" onClick={load}>
          Load result
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <LoadingProgress progress={loading.progress} expectedBytes={result.size} onCancel={cancel} />
      {loading.firstRows?.tables[0] && <FirstRows table={loading.firstRows.tables[0]} result={result} />}
    </div>
  );
}

/** The first rows of a result still arriving, in the same grid, without sorting or export until all are there. */
function FirstRows({ table, result }: { table: VoTableTable; result: UwsResult }) {
  return (
    <div className="flex flex-col gap-2" data-testid="first-rows">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        The first {formatCount(table.rowCount)} {table.rowCount === 1 ? 'row' : 'rows'} while the rest arrives:
      </p>
      <ResultsGrid
        table={table}
        order={null}
        sort={null}
        sortable={() => false}
        onSort={() => undefined}
        label={`Result ${result.id}, first rows`}
        height={520}
      />
    </div>
  );
}

function VotableView({ data, jobId, result }: { data: TableResult; jobId: string; result: UwsResult }) {
  const { votable } = data;
  const [tableIndex, setTableIndex] = useState(0);
  const table = votable.tables[Math.min(tableIndex, votable.tables.length - 1)];
  const items = useMemo(() => {
    const resourceInfos = votable.resources.flatMap((r) => r.infos);
    const resourceParams = votable.resources.flatMap((r) => r.params);
    return metaItems([...votable.infos, ...resourceInfos, ...(table?.infos ?? [])], [...votable.params, ...resourceParams, ...(table?.params ?? [])]);
  }, [votable, table]);
  const status = votable.queryStatus;
  const warnings = useMemo(() => warningsOf(votable), [votable]);
  return (
    <div className="flex flex-col gap-3">
      {status && <QueryStatusBanner status={status.status} message={status.message} rows={table?.rowCount ?? 0} />}
      <DecoderWarnings warnings={warnings} />
      {votable.tables.length > 1 && (
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
        <TableView key={tableIndex} table={table} data={data} jobId={jobId} result={result} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">This VOTable holds no table.</p>
      )}
    </div>
  );
}

function TableView({ table, data, jobId, result }: { table: VoTableTable; data: TableResult; jobId: string; result: UwsResult }) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [sorted, setSorted] = useState<{ sort: SortState; order: Uint32Array } | null>(null);
  // From the stored columns: asking for table.column() would make every string of the table up front.
  const sortable = useMemo(() => table.columns.map((column) => isSortable(column)), [table]);

  useEffect(() => {
    if (!sort) return;
    // Let the browser paint "Sorting…" before the (synchronous) sort of a big column.
    const timer = setTimeout(() => setSorted({ sort, order: sortPermutation(table, sort) }), 16);
    return () => clearTimeout(timer);
  }, [sort, table]);

  const order = sort && sorted && sorted.sort === sort ? sorted.order : null;
  const sorting = sort !== null && order === null;
  const shownSort = order ? sort : null;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p className="text-slate-700 dark:text-slate-300">
          <span className="font-semibold" data-testid="row-count">
            {formatCount(table.rowCount)} {table.rowCount === 1 ? 'row' : 'rows'}
          </span>{' '}
          × {table.fields.length} {table.fields.length === 1 ? 'column' : 'columns'} · {data.format === 'votable' ? 'VOTable' : data.format.toUpperCase()} ·{' '}
          {formatBytes(data.byteLength)} · downloaded in {formatMs(data.downloadMs)}
          {data.decodeMs >= 1 ? ` · then decoded in ${formatMs(data.decodeMs)}` : ''}
        </p>
        {sorting && <Spinner label="Sorting…" />}
        <div className="ml-auto flex gap-2">
          <CsvButton table={table} order={order} fileName={resultFileName(jobId, result.id, 'text/csv')} />
        </div>
      </div>
      <ResultsGrid
        table={table}
        order={order}
        sort={shownSort}
        sortable={(col) => sortable[col] ?? false}
        onSort={(col) => setSort((current) => nextSort(current, col))}
        label={`Result ${result.id}${table.name ? `, table ${table.name}` : ''}`}
        height={520}
      />
    </div>
  );
}

function CsvButton({ table, order, fileName }: { table: VoTableTable; order: Uint32Array | null; fileName: string }) {
  const [progress, setProgress] = useState<number | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const start = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    try {
      const blob = await tableToCsvBlob(table, {
        order,
        signal: controller.signal,
        onProgress: (written, total) => setProgress(total === 0 ? 1 : written / total),
      });
      saveBlob(blob, fileName);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
    }
  };
  if (progress !== null) {
    return (
      <Button size="sm" onClick={() => abortRef.current?.abort()} aria-label="Cancel CSV export">
        Preparing CSV… {Math.round(progress * 100)}% (cancel)
      </Button>
    );
  }
  return (
    <Button size="sm" onClick={() => void start()} title={order ? 'The rows as CSV, in the order shown' : 'The rows as CSV'}>
      Export as CSV
    </Button>
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
