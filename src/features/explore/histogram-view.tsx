import type { Histogram } from './histogram';

const W = 640;
const H = 240;
const PAD = { left: 48, right: 8, top: 8, bottom: 36 };

function tick(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** Bars of a histogram in SVG, with its axes; counts on a log scale when asked. */
export function HistogramView({ histogram: h, logY, column, unit, coverage }: { histogram: Histogram; logY: boolean; column: string; unit?: string; coverage: string }) {
  const n = h.counts.length;
  const max = Math.max(1, ...h.counts);
  const scale = (c: number) => (logY ? (c > 0 ? Math.log10(c + 1) / Math.log10(max + 1) : 0) : c / max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / n;
  const total = h.counts.reduce((a, b) => a + b, 0);
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-3xl text-slate-700 dark:text-slate-300" role="img" aria-label={`Histogram of ${column}: ${total} values in ${n} bins`}>
        {Array.from(h.counts, (c, i) => {
          const bh = scale(c) * plotH;
          return (
            <rect key={i} x={PAD.left + i * bw} y={PAD.top + plotH - bh} width={Math.max(0.5, bw - (bw > 3 ? 1 : 0))} height={bh} className="fill-blue-600 dark:fill-blue-400">
              <title>{`${tick(h.edges[i]!)} to ${tick(h.edges[i + 1]!)}: ${c}`}</title>
            </rect>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="currentColor" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} stroke="currentColor" />
        <text x={PAD.left} y={H - 18} fontSize="11" fill="currentColor">
          {tick(h.edges[0] ?? 0)}
        </text>
        <text x={W - PAD.right} y={H - 18} fontSize="11" textAnchor="end" fill="currentColor">
          {tick(h.edges[n] ?? 0)}
        </text>
        <text x={PAD.left + plotW / 2} y={H - 4} fontSize="12" textAnchor="middle" fill="currentColor">
          {column}
          {unit ? ` (${unit})` : ''}
        </text>
        <text x={PAD.left - 4} y={PAD.top + 10} fontSize="11" textAnchor="end" fill="currentColor">
          {max}
        </text>
        <text x={PAD.left - 4} y={PAD.top + plotH} fontSize="11" textAnchor="end" fill="currentColor">
          0
        </text>
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {total} values{h.skipped > 0 ? `; ${h.skipped} left out (empty, or not positive on the log axis)` : ''}. {coverage}
      </figcaption>
    </figure>
  );
}
