/**
 * The plot point of a table row. A plot's points keep table order (rows with
 * no position left out), so a binary search finds a row in a million points
 * at once, where building a lookup table would cost each picked row a pass
 * over every point.
 */
export function pointOfRow(rows: Uint32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid]!;
    if (r === row) return mid;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The points of these table rows, leaving out rows the plot does not show. */
export function pointsOfRows(rows: Uint32Array, wanted: readonly number[]): number[] {
  const out: number[] = [];
  for (const row of wanted) {
    const point = pointOfRow(rows, row);
    if (point >= 0) out.push(point);
  }
  return out;
}
