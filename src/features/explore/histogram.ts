export interface Histogram {
  /** bins + 1 edges, from min to max. */
  edges: Float64Array;
  counts: Uint32Array;
  /** Values left out: null, or not positive on a log axis. */
  skipped: number;
}

/**
 * Counts of `values` in `bins` equal-width bins from their min to max (on a
 * log10 axis when `logX`, where values ≤ 0 are skipped). The last bin holds
 * the maximum.
 */
export function histogram(values: Float64Array, bins: number, logX = false): Histogram {
  const n = Math.max(1, Math.min(10_000, Math.floor(bins)));
  let min = Infinity;
  let max = -Infinity;
  let skipped = 0;
  const t = (v: number) => (logX ? Math.log10(v) : v);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || (logX && v <= 0)) {
      skipped++;
      continue;
    }
    const x = t(v);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const counts = new Uint32Array(n);
  const edges = new Float64Array(n + 1);
  if (min === Infinity) return { edges, counts, skipped };
  const width = max > min ? (max - min) / n : 1;
  for (let b = 0; b <= n; b++) edges[b] = logX ? 10 ** (min + b * width) : min + b * width;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || (logX && v <= 0)) continue;
    const b = Math.min(n - 1, Math.floor((t(v) - min) / width));
    counts[b]!++;
  }
  return { edges, counts, skipped };
}
