/** Column statistics, as TOPCAT's statistics window gives them. */

export interface NumericStats {
  kind: 'numeric';
  count: number;
  nulls: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (n − 1), null below two values. */
  std: number | null;
}

export interface TextStats {
  kind: 'text';
  count: number;
  nulls: number;
  distinct: number;
}

export type ColumnStats = NumericStats | TextStats;

/** Statistics of a numeric column; NaN counts as null. Welford's method keeps the mean and variance exact enough for large columns. */
export function numericStats(values: Float64Array): NumericStats {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  const finite = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    finite[count++] = v;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { kind: 'numeric', count: 0, nulls: values.length, min: null, max: null, mean: null, median: null, std: null };
  const sorted = finite.subarray(0, count).sort();
  const mid = count >> 1;
  const median = count % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    kind: 'numeric',
    count,
    nulls: values.length - count,
    min,
    max,
    mean,
    median,
    std: count > 1 ? Math.sqrt(m2 / (count - 1)) : null,
  };
}

export function textStats(values: readonly (string | null)[]): TextStats {
  const seen = new Set<string>();
  let nulls = 0;
  for (const v of values) {
    if (v === null) nulls++;
    else seen.add(v);
  }
  return { kind: 'text', count: values.length - nulls, nulls, distinct: seen.size };
}
