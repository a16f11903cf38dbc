import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { LinksPanel } from '../components/datalink/links-panel';
import { Spinner } from '../components/spinner';
import { sampTableId } from '../lib/samp/session';
import { createRowHighlighter, placeIncomingRow } from '../lib/samp/row-messages';
import { getSampSession, useSampRows } from '../lib/samp/use-samp';
import { formatCount } from '../lib/format';
import { unproxiedUrl } from '../lib/proxy';
import { descriptorUrl, linksServiceFor } from '../protocol/datalink/descriptors';
import type { TableToolsProps } from '../features/results/table-tools';

// Plots and their WebGL code load only when a table is shown.
const ExplorePanel = lazy(() => import('../features/explore').then((m) => ({ default: m.ExplorePanel })));

/** The tools beside a result table: explore (plots, statistics, filter), the DataLink links of the picked row, and SAMP row messages. */
export function TableTools({ service, result, votable, table, onRowsChange: showRows, selectedRow, onSelectRow }: TableToolsProps) {
  const links = useMemo(() => linksServiceFor(votable, table.fields), [votable, table]);
  const selectedRows = useMemo(() => (selectedRow === null ? [] : [selectedRow]), [selectedRow]);
  const tableRef = useMemo(() => {
    const url = unproxiedUrl(result.href);
    return { tableId: sampTableId(url, votable.tables.indexOf(table)), url };
  }, [result.href, votable, table]);
  // The rows the grid shows, to tell whether a row another tool names is among them.
  const [shown, setShown] = useState<Uint32Array | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onRowsChange = useCallback(
    (rows: Uint32Array | null, why: string | null) => {
      setShown(rows);
      setNotice(null);
      showRows(rows, why);
    },
    [showRows],
  );
  // Tools that have the table hear of the row the user settles on (not of every row the arrow keys pass).
  const highlighter = useMemo(
    () =>
      createRowHighlighter((row) => {
        if (getSampSession().getState().status === 'connected') void getSampSession().highlightRow(tableRef, row).catch(() => undefined);
      }),
    [tableRef],
  );
  useEffect(() => () => highlighter.cancel(), [highlighter]);
  useEffect(() => {
    if (selectedRow !== null) highlighter.pick(selectedRow);
  }, [selectedRow, highlighter]);
  const onSamp = useCallback(
    (m: { rows: number[]; from: string }) => {
      const row = m.rows[0];
      if (row === undefined) return;
      const place = placeIncomingRow(row, table.rowCount, shown);
      const named = `${m.from} highlighted row ${formatCount(row + 1)}`;
      if (place.kind === 'outside') setNotice(`${named}, but this table has ${formatCount(place.rowCount)} rows.`);
      else if (place.kind === 'hidden') setNotice(`${named}, which is not among the rows shown here; show all rows to see it.`);
      else {
        setNotice(null);
        highlighter.heard(row);
        onSelectRow(row);
      }
    },
    [onSelectRow, table.rowCount, shown, highlighter],
  );
  useSampRows(tableRef.tableId, onSamp);

  const cell = (col: number) => {
    if (selectedRow === null) return null;
    const v = table.cell(selectedRow, col);
    return v === null || v === undefined ? null : String(v);
  };
  return (
    <div className="flex flex-col gap-3">
      {notice && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          {notice}
        </p>
      )}
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
