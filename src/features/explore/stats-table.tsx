import type { ColumnStats } from './stats';

function num(v: number | null): string {
  if (v === null) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e9) ? v.toExponential(4) : Number(v.toPrecision(7)).toString();
}

/** One column's statistics as a small definition table. */
export function StatsTable({ column, stats, coverage }: { column: string; stats: ColumnStats; coverage: string }) {
  const rows: [string, string][] =
    stats.kind === 'numeric'
      ? [
          ['Count', String(stats.count)],
          ['Nulls', String(stats.nulls)],
          ['Minimum', num(stats.min)],
          ['Maximum', num(stats.max)],
          ['Mean', num(stats.mean)],
          ['Median', num(stats.median)],
          ['Standard deviation', num(stats.std)],
        ]
      : [
          ['Count', String(stats.count)],
          ['Nulls', String(stats.nulls)],
          ['Distinct values', String(stats.distinct)],
        ];
  return (
    <figure className="space-y-1">
      <table className="text-sm" aria-label={`Statistics of ${column}`}>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row" className="pr-4 text-left font-normal text-slate-600 dark:text-slate-400">
                {k}
              </th>
              <td className="font-mono tabular-nums">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">{coverage}</figcaption>
    </figure>
  );
}
