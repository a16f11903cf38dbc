import { useEffect, useId, useMemo, useState } from 'react';
import { Button } from '../../components/button';
import type { VoTableTable } from '../../protocol/votable/types';
import { formatCount } from '../../lib/format';
import type { PointsRequest } from './analysis-protocol';
import { numericColumns, skyColumns } from './columns';
import { coverageText } from './coverage';
import { FilterBox } from './filter-box';
import { PlotControls, type PlotChoice } from './plot-controls';
import { PlotView } from './plot-view';
import { useAnalysis } from './use-analysis';

export interface ExplorePanelProps {
  table: VoTableTable;
  /** The rows the grid should show: those passing the filter and, within them, those brushed in a plot. Null: all rows. */
  onRowsChange: (rows: Uint32Array | null, why: string | null) => void;
  /** Rows selected in the grid, shown highlighted in the plots. */
  selectedRows: readonly number[];
}

type View = 'sky' | 'scatter' | 'histogram' | 'stats';

/** Plots, statistics and a row filter for one decoded table, all computed in a worker. */
export function ExplorePanel({ table, onRowsChange, selectedRows }: ExplorePanelProps) {
  const client = useAnalysis(table);
  const numeric = useMemo(() => numericColumns(table.fields), [table]);
  const sky = useMemo(() => skyColumns(table.fields), [table]);
  const [view, setView] = useState<View>(sky ? 'sky' : 'scatter');
  const [filtered, setFiltered] = useState<Uint32Array | null>(null);
  const [brushed, setBrushed] = useState<Uint32Array | null>(null);
  const [choice, setChoice] = useState<PlotChoice>(() => ({
    skyMode: 'all',
    x: numeric[0]?.name ?? '',
    y: numeric[1]?.name ?? numeric[0]?.name ?? '',
    logX: false,
    logY: false,
    colour: '',
    column: numeric[0]?.name ?? table.fields[0]?.name ?? '',
    bins: 50,
    histLog: false,
  }));
  const headingId = useId();

  useEffect(() => {
    const rows = brushed ?? filtered;
    const why = brushed
      ? `${formatCount(brushed.length)} rows chosen in the plot`
      : filtered
        ? `${formatCount(filtered.length)} of ${formatCount(table.rowCount)} rows pass the filter`
        : null;
    onRowsChange(rows, why);
  }, [brushed, filtered, table.rowCount, onRowsChange]);

  const request: PointsRequest | null =
    view === 'sky' && sky
      ? { kind: choice.skyMode === 'all' ? 'sky-all' : 'sky-tangent', ra: table.fields[sky.ra]!.name, dec: table.fields[sky.dec]!.name, colour: choice.colour || undefined }
      : view === 'scatter' && choice.x && choice.y
        ? { kind: 'scatter', x: choice.x, y: choice.y, logX: choice.logX, logY: choice.logY, colour: choice.colour || undefined }
        : null;

  const views: [View, string][] = [
    ...(sky ? ([['sky', 'Sky']] as [View, string][]) : []),
    ...(numeric.length > 0 ? ([['scatter', 'Scatter'], ['histogram', 'Histogram']] as [View, string][]) : []),
    ['stats', 'Statistics'],
  ];

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <h3 id={headingId} className="text-sm font-semibold">
        Explore the table
      </h3>
      <FilterBox
        client={client}
        fields={table.fields}
        onFilter={(rows) => {
          setFiltered(rows);
          setBrushed(null);
        }}
      />
      <div role="group" aria-label="View" className="flex flex-wrap gap-1">
        {views.map(([v, label]) => (
          <Button key={v} size="sm" variant={view === v ? 'primary' : 'secondary'} aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </Button>
        ))}
      </div>
      <PlotControls view={view} choice={choice} onChange={setChoice} numeric={numeric} fields={table.fields} />
      {brushed && (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {formatCount(brushed.length)} rows chosen in the plot; the table shows only them.
          <Button size="sm" variant="ghost" onClick={() => setBrushed(null)}>
            Show all rows again
          </Button>
        </p>
      )}
      {client && (
        <PlotView
          client={client}
          view={view}
          request={request}
          choice={choice}
          rows={filtered}
          shownRows={brushed ?? filtered}
          coverage={coverageText(table.rowCount, filtered, brushed)}
          selectedRows={selectedRows}
          onBrush={setBrushed}
          table={table}
        />
      )}
    </section>
  );
}
