import { useEffect, useRef, useState } from 'react';
import type { Points } from './analysis-protocol';
import { swallowClickAfterLasso } from './lasso-click';
import { pointsOfRows } from './point-of-row';

type Scatterplot = Awaited<ReturnType<typeof loadScatterplot>>;

async function loadScatterplot(canvas: HTMLCanvasElement, width: number, height: number, dark: boolean) {
  // The WebGL plotting code is its own chunk: pages without a plot never load it.
  const { default: createScatterplot } = await import('regl-scatterplot');
  return createScatterplot({
    canvas,
    width,
    height,
    pointSize: 3,
    // Documented, though missing from the published types: opacity follows the density of points on screen.
    opacityBy: 'density' as never,
    backgroundColor: dark ? [0.06, 0.09, 0.16, 1] : [1, 1, 1, 1],
    pointColor: dark ? [0.55, 0.75, 1, 1] : [0.1, 0.3, 0.7, 1],
    pointColorActive: [0.95, 0.35, 0.1, 1],
    pointSizeSelected: 2,
    lassoColor: [0.95, 0.35, 0.1, 1],
  });
}

/** A blue-to-yellow ramp (viridis-like) for colour by a third column. */
const RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

export interface ScatterCanvasProps {
  points: Points;
  /** Table rows to show as selected (from the grid or another tool). */
  selectedRows: readonly number[];
  /** Rows the user lassoed (null when the lasso selection was cleared). */
  onSelect: (rows: Uint32Array | null) => void;
  label: string;
  onDrawn?: (ms: number) => void;
}

/**
 * A WebGL scatter plot of up to millions of points (regl-scatterplot): pan
 * with the mouse, zoom with the wheel, lasso with Shift and drag. Where
 * points overlap their opacity follows the density.
 */
export function ScatterCanvas({ points, selectedRows, onSelect, label, onDrawn }: ScatterCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<Scatterplot | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    onSelectRef.current = onSelect;
    onDrawnRef.current = onDrawn;
  });
  const pointsRef = useRef(points);

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    if (!canvas || !box) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    let stopLassoClick: (() => void) | null = null;
    const { width, height } = box.getBoundingClientRect();
    const dark = document.documentElement.classList.contains('dark');
    loadScatterplot(canvas, Math.max(1, width), Math.max(1, height), dark)
      .then((plot) => {
        if (cancelled) {
          plot.destroy();
          return;
        }
        plotRef.current = plot;
        plot.subscribe('select', ({ points: selected }: { points: number[] }) => {
          const rows = pointsRef.current.rows;
          onSelectRef.current(Uint32Array.from(selected, (i) => rows[i]!));
        });
        plot.subscribe('deselect', () => onSelectRef.current(null));
        stopLassoClick = swallowClickAfterLasso(box);
        observer = new ResizeObserver(([entry]) => {
          if (entry) plot.set({ width: Math.max(1, entry.contentRect.width), height: Math.max(1, entry.contentRect.height) });
        });
        observer.observe(box);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(`This browser could not draw the plot (WebGL): ${error instanceof Error ? error.message : String(error)}`);
      });
    return () => {
      cancelled = true;
      observer?.disconnect();
      stopLassoClick?.();
      plotRef.current?.destroy();
      plotRef.current = null;
    };
  }, []);

  // Draw whenever the points change; the plot may still be loading the first time.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    pointsRef.current = points;
    let stop = false;
    const tryDraw = () => {
      const plot = plotRef.current;
      if (stop) return;
      if (!plot) {
        requestAnimationFrame(tryDraw);
        return;
      }
      const started = performance.now();
      plot.set(points.value ? { colorBy: 'valueA', pointColor: RAMP } : { colorBy: null });
      const data = points.value ? { x: points.x, y: points.y, valueA: points.value } : { x: points.x, y: points.y };
      // The k-d tree comes from the worker: the plot need not build its own.
      void plot.draw(data as never, { spatialIndex: points.spatialIndex, ...(points.value ? { zDataType: 'continuous' as const } : {}) }).then(() => {
        onDrawnRef.current?.(performance.now() - started);
        setReady(true);
      });
    };
    tryDraw();
    return () => {
      stop = true;
    };
  }, [points]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || !ready) return;
    if (selectedRows.length === 0) {
      plot.deselect({ preventEvent: true });
      return;
    }
    plot.select(pointsOfRows(points.rows, selectedRows), { preventEvent: true });
  }, [selectedRows, points, ready]);

  if (problem) return <p className="text-sm text-red-800 dark:text-red-300">{problem}</p>;
  return (
    <div ref={boxRef} className="relative h-80 w-full overflow-hidden rounded border border-slate-200 dark:border-slate-700">
      <canvas ref={canvasRef} role="img" aria-label={label} data-ready={ready ? 'true' : 'false'} className="block h-full w-full" />
    </div>
  );
}
