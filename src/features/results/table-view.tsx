import { useCallback, useEffect, useMemo, useState } from 'react';
import { Spinner } from '../../components/spinner';
import { formatBytes, formatCount } from '../../lib/format';
import { resultFileName } from '../../lib/result-files';
import type { ServiceConfig } from '../../lib/services';
import type { UwsResult } from '../../protocol/uws/types';
import type { VoTableTable } from '../../protocol/votable/types';
import { tableToCsvBlob } from './csv-export';
import { ExportButton } from './export-button';
import type { TableResult } from './fetch-result';
import { formatMs } from './format-ms';
import { ResultsGrid } from './results-grid';
import { sortInWorker } from './sort-in-worker';
import { isSortable, nextSort, sortPermutation, type SortState } from './sort-rows';
import { useTableTools } from './table-tools';
import { tableToVoTableBlob } from './votable-export';

/**
 * The rows shown, in display order: the sort's order (or table order), kept
 * to the rows of a subset (a filter or a plot's selection) when there is one.
 */
export function shownOrder(rowCount: number, sortOrder: Uint32Array | null, subset: Uint32Array | null): Uint32Array | null {
  if (!subset) return sortOrder;
  if (!sortOrder) return subset;
  const keep = new Uint8Array(rowCount);
  for (const r of subset) keep[r] = 1;
  return sortOrder.filter((r) => keep[r] === 1);
}

/**
 * One table of a result: its summary line, CSV export, the grid, and the tools the app adds beside it.
 * While the result arrives (data null) the table is its first rows so far, without sorting, export or tools;
 * the grid is the same one the whole table then shows in.
 */
export function TableView({ service, table, data, jobId, result }: { service: ServiceConfig; table: VoTableTable; data: TableResult | null; jobId: string; result: UwsResult }) {
  const tools = useTableTools();
  const [subset, setSubset] = useState<{ rows: Uint32Array; why: string | null } | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const onRowsChange = useCallback((rows: Uint32Array | null, why: string | null) => setSubset(rows ? { rows, why } : null), []);
  const [sort, setSort] = useState<SortState | null>(null);
  const [sorted, setSorted] = useState<{ sort: SortState; order: Uint32Array } | null>(null);
  // From the stored columns: asking for table.column() would make every string of the table up front.
  const sortable = useMemo(() => (data ? table.columns.map((column) => isSortable(column)) : []), [table, data]);

  useEffect(() => {
    if (!sort) return;
    // In a worker: the page stays responsive while a big column sorts ("Sorting…" shows meanwhile).
    const controller = new AbortController();
    sortInWorker(table, sort, controller.signal).then(
      (order) => setSorted({ sort, order }),
      () => {
        // Where the worker cannot run, sorted here rather than not at all.
        if (!controller.signal.aborted) setSorted({ sort, order: sortPermutation(table, sort) });
      },
    );
    return () => controller.abort();
  }, [sort, table]);

  const sortOrder = sort && sorted && sorted.sort === sort ? sorted.order : null;
  const order = useMemo(() => shownOrder(table.rowCount, sortOrder, subset?.rows ?? null), [table.rowCount, sortOrder, subset]);
  const sorting = sort !== null && sortOrder === null;
  const shownSort = sortOrder ? sort : null;

  return (
    <div className="flex flex-col gap-2" data-testid={data ? undefined : 'first-rows'}>
      {data ? (
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
          {subset && (
            <p className="font-medium text-amber-800 dark:text-amber-300" role="status">
              Showing {formatCount(subset.rows.length)} of {formatCount(table.rowCount)} rows{subset.why ? `: ${subset.why}` : ''}.
            </p>
          )}
          <div className="ml-auto flex gap-2">
            <ExportButton format="CSV" write={(o) => tableToCsvBlob(table, o)} order={order} fileName={resultFileName(jobId, result.id, 'text/csv')} />
            <ExportButton
              format="VOTable"
              write={(o) => tableToVoTableBlob(data.votable, table, o)}
              order={order}
              fileName={resultFileName(jobId, result.id, 'application/x-votable+xml')}
            />
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          The first {formatCount(table.rowCount)} {table.rowCount === 1 ? 'row' : 'rows'} while the rest arrives:
        </p>
      )}
      <ResultsGrid
        table={table}
        order={order}
        sort={shownSort}
        sortable={(col) => sortable[col] ?? false}
        onSort={(col) => {
          if (data) setSort((current) => nextSort(current, col));
        }}
        label={`Result ${result.id}${table.name ? `, table ${table.name}` : ''}${data ? '' : ', first rows'}`}
        height={520}
        pickedRow={picked}
        onPickRow={setPicked}
      />
      {data &&
        tools?.({ service, result, votable: data.votable, table, onRowsChange, selectedRow: picked, onSelectRow: setPicked })}
    </div>
  );
}
