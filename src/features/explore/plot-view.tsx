import { useEffect, useState } from 'react';
import { Spinner } from '../../components/spinner';
import type { VoTableTable } from '../../protocol/votable/types';
import { formatCount } from '../../lib/format';
import type { AnalysisClient } from './analysis-client';
import type { Points, PointsRequest } from './analysis-protocol';
import type { Histogram } from './histogram';
import { HistogramView } from './histogram-view';
import type { PlotChoice } from './plot-controls';
import { ScatterCanvas } from './scatter-canvas';
import type { ColumnStats } from './stats';
import { StatsTable } from './stats-table';

type Shown = { kind: 'points'; points: Points } | { kind: 'histogram'; histogram: Histogram } | { kind: 'stats'; stats: ColumnStats } | { kind: 'error'; message: string };

export interface PlotViewProps {
  client: AnalysisClient;
  view: 'sky' | 'scatter' | 'histogram' | 'stats';
  request: PointsRequest | null;
  choice: PlotChoice;
  /** The rows the filter keeps (null: all): the points plotted. */
  rows: Uint32Array | null;
  /** The rows shown in the grid (the plot's choice within the filter; null: all): what statistics and histograms cover. */
  shownRows: Uint32Array | null;
  /** Which rows those are, in words. */
  coverage: string;
  selectedRows: readonly number[];
  onBrush: (rows: Uint32Array | null) => void;
  table: VoTableTable;
}

/** Asks the worker for what the view needs and shows it; a newer choice replaces an answer still on its way. */
export function PlotView({ client, view, request, choice, rows, shownRows, coverage, selectedRows, onBrush, table }: PlotViewProps) {
  const [shown, setShown] = useState<Shown | null>(null);
  const requestKey = JSON.stringify(request);
  // Statistics and histograms follow the rows shown; a plot keeps every point the filter lets through, so a choice made in it stays in view.
  const coverRows = view === 'stats' || view === 'histogram' ? shownRows : null;
  useEffect(() => {
    let current = true;
    const started = performance.now();
    const ask = async (): Promise<Shown | null> => {
      if (view === 'stats') return { kind: 'stats', stats: (await client.ask({ op: 'stats', column: choice.column, rows: coverRows })).stats };
      if (view === 'histogram') {
        return { kind: 'histogram', histogram: (await client.ask({ op: 'histogram', column: choice.column, bins: choice.bins, logX: false, rows: coverRows })).histogram };
      }
      if (!request) return null;
      return { kind: 'points', points: (await client.ask({ op: 'points', request, rows })).points };
    };
    ask()
      .then((s) => {
        if (!current) return;
        if (s?.kind === 'points') performance.measure('uws-desk:points-ready', { start: started });
        setShown(s);
      })
      .catch((error: unknown) => current && setShown({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
    // The request is compared by value: a new object with the same choice asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, view, requestKey, choice.column, choice.bins, rows, coverRows]);

  if (!shown) {
    return (
      <p className="flex items-center gap-2 text-sm">
        <Spinner /> Working it out…
      </p>
    );
  }
  if (shown.kind === 'error') return <p className="text-sm text-red-800 dark:text-red-300">{shown.message}</p>;
  if (shown.kind === 'stats') return <StatsTable column={choice.column} stats={shown.stats} coverage={coverage} />;
  if (shown.kind === 'histogram') {
    const unit = table.fields.find((f) => f.name === choice.column)?.unit;
    return <HistogramView histogram={shown.histogram} logY={choice.histLog} column={choice.column} unit={unit} coverage={coverage} />;
  }
  const p = shown.points;
  const what = view === 'sky' ? (choice.skyMode === 'all' ? 'All-sky map' : 'Map of the field') : `${choice.y} against ${choice.x}`;
  return (
    <figure className="space-y-1">
      <ScatterCanvas
        points={p}
        selectedRows={selectedRows}
        onSelect={onBrush}
        label={`${what}: ${formatCount(p.rows.length)} points`}
        onDrawn={(ms) => performance.measure('uws-desk:plot-drawn', { start: performance.now() - ms })}
      />
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {what}, {formatCount(p.rows.length)} points
        {p.skipped > 0 ? ` (${formatCount(p.skipped)} rows left out: no value${view === 'scatter' ? ', or not positive on a log axis' : ''})` : ''}.
        {view === 'scatter' && ` X from ${fmt(p.xRange[0], choice.logX)} to ${fmt(p.xRange[1], choice.logX)}, Y from ${fmt(p.yRange[0], choice.logY)} to ${fmt(p.yRange[1], choice.logY)}.`}
        {view === 'sky' && p.centre && ` Centred on RA ${p.centre[0].toFixed(3)}°, Dec ${p.centre[1].toFixed(3)}°, ${(p.xRange[1] - p.xRange[0]).toFixed(3)}° across.`}
        {p.valueRange && ` Colour: ${choice.colour} from ${fmt(p.valueRange[0], false)} (dark) to ${fmt(p.valueRange[1], false)} (yellow).`}{' '}
        Drag to pan, wheel to zoom, Shift and drag to choose points.
      </figcaption>
    </figure>
  );
}

function fmt(v: number, log: boolean): string {
  const value = log ? 10 ** v : v;
  return Number(value.toPrecision(4)).toString();
}
