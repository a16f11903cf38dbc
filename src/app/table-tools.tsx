import { Suspense, lazy, useCallback, useEffect, useMemo } from 'react';
import { LinksPanel } from '../components/datalink/links-panel';
import { Spinner } from '../components/spinner';
import { sampTableId } from '../lib/samp/session';
import { getSampSession, useSampRows } from '../lib/samp/use-samp';
import { unproxiedUrl } from '../lib/proxy';
import { descriptorUrl, linksServiceFor } from '../protocol/datalink/descriptors';
import type { TableToolsProps } from '../features/results/table-tools';

// Plots and their WebGL code load only when a table is shown.
const ExplorePanel = lazy(() => import('../features/explore').then((m) => ({ default: m.ExplorePanel })));

/** The tools beside a result table: explore (plots, statistics, filter), the DataLink links of the picked row, and SAMP row messages. */
export function TableTools({ service, result, votable, table, onRowsChange, selectedRow, onSelectRow }: TableToolsProps) {
  const links = useMemo(() => linksServiceFor(votable, table.fields), [votable, table]);
  const selectedRows = useMemo(() => (selectedRow === null ? [] : [selectedRow]), [selectedRow]);
  const tableRef = useMemo(() => {
    const url = unproxiedUrl(result.href);
    return { tableId: sampTableId(url, votable.tables.indexOf(table)), url };
  }, [result.href, votable, table]);
  const onSamp = useCallback(
    (m: { rows: number[] }) => {
      const row = m.rows[0];
      if (row !== undefined && row < table.rowCount) onSelectRow(row);
    },
    [onSelectRow, table.rowCount],
  );
  useSampRows(tableRef.tableId, onSamp);
  // Tools that have the table hear of each row the user picks.
  useEffect(() => {
    if (selectedRow !== null && getSampSession().getState().status === 'connected') void getSampSession().highlightRow(tableRef, selectedRow).catch(() => undefined);
  }, [selectedRow, tableRef]);

  const cell = (col: number) => {
    if (selectedRow === null) return null;
    const v = table.cell(selectedRow, col);
    return v === null || v === undefined ? null : String(v);
  };
  return (
    <div className="flex flex-col gap-3">
      <Suspense
        fallback={
          <p className="flex items-center gap-2 text-sm">
            <Spinner /> Loading the plots…
          </p>
        }
      >
        <ExplorePanel table={table} onRowsChange={onRowsChange} selectedRows={selectedRows} />
      </Suspense>
      {links && selectedRow !== null && (
        <LinksPanel key={selectedRow} service={service} linksUrl={descriptorUrl(links, table.fields, cell)} rowLabel={`row ${selectedRow + 1}`} />
      )}
      {links && selectedRow === null && <p className="text-sm text-slate-600 dark:text-slate-400">This result has DataLink links: pick a row to see them.</p>}
    </div>
  );
}
