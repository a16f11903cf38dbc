import type { VoColumn, VoColumnData, VoTableTable } from '../../protocol/votable/types';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: number;
  direction: SortDirection;
}

/** Whether a column can be sorted (array columns cannot). */
export function isSortable(column: VoColumn | VoColumnData): boolean {
  return column.kind !== 'array';
}

/** The next state when a user activates a column header: ascending, descending, unsorted. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, direction: 'ascending' };
  if (current.direction === 'ascending') return { column, direction: 'descending' };
  return null;
}

function isNullAt(column: VoColumn, row: number): boolean {
  if (column.nulls !== null && column.nulls[row] === 1) return true;
  switch (column.kind) {
    case 'number': {
      const value = column.values[row]!;
      return value !== value;
    }
    case 'string':
      return column.values[row] === null || column.values[row] === '';
    default:
      return false;
  }
}

/** Code-point order, the same on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of rows sorted by one column, as an index permutation (the rows
 * themselves are never copied). Stable: equal values keep their table order.
 * Nulls (and NaN) come last in both directions.
 */
export function sortPermutation(table: VoTableTable, sort: SortState): Uint32Array {
  const column = table.column(sort.column);
  const rowCount = table.rowCount;
  const order = new Uint32Array(rowCount);
  if (column.kind === 'array') {
    for (let i = 0; i < rowCount; i++) order[i] = i;
    return order;
  }
  // Non-null rows first (in table order), nulls gathered at the end in table order.
  let valueCount = 0;
  let nullWrite = rowCount;
  const nullRows: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    if (isNullAt(column, row)) nullRows.push(row);
    else order[valueCount++] = row;
  }
  for (let i = nullRows.length - 1; i >= 0; i--) order[--nullWrite] = nullRows[i]!;

  const sign = sort.direction === 'ascending' ? 1 : -1;
  const valued = order.subarray(0, valueCount);
  if (column.kind === 'string') valued.sort(comparatorFor(column, sign));
  else radixSortRows(valued, sortableKeys(column, valued, sign < 0));
  return order;
}

/**
 * Keys whose unsigned (hi, lo) order is the column's value order, one per
 * entry of `rows`; bit-inverted for descending, so that a stable ascending
 * sort of the keys is a stable descending sort of the values.
 */
function sortableKeys(column: Exclude<VoColumn, { kind: 'array' | 'string' }>, rows: Uint32Array, descending: boolean) {
  const count = rows.length;
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const invert = descending ? 0xffffffff : 0;
  if (column.kind === 'long') {
    // Two's complement 64-bit integers, little-endian words: flip the sign bit.
    const words = new Uint32Array(column.values.buffer, column.values.byteOffset, column.values.length * 2);
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      hi[i] = ((words[2 * row + 1]! ^ 0x80000000) ^ invert) >>> 0;
      lo[i] = (words[2 * row]! ^ invert) >>> 0;
    }
    return { hi, lo };
  }
  // IEEE 754 doubles (every other numeric type converts exactly): negative
  // numbers flip all bits, positive ones only the sign bit.
  const scratch = new Float64Array(1);
  const scratchWords = new Uint32Array(scratch.buffer);
  const values = column.values;
  for (let i = 0; i < count; i++) {
    scratch[0] = values[rows[i]!]!;
    const h = scratchWords[1]!;
    const l = scratchWords[0]!;
    const negative = h >>> 31 === 1;
    hi[i] = ((negative ? ~h : h ^ 0x80000000) ^ invert) >>> 0;
    lo[i] = ((negative ? ~l : l) ^ invert) >>> 0;
  }
  return { hi, lo };
}

/**
 * Stable LSD radix sort of `rows` by 64-bit keys, 16 bits a pass; passes in
 * which every key has the same digit are skipped.
 */
function radixSortRows(rows: Uint32Array, keys: { hi: Uint32Array; lo: Uint32Array }): void {
  const count = rows.length;
  let perm = new Uint32Array(count);
  for (let i = 0; i < count; i++) perm[i] = i;
  let next = new Uint32Array(count);
  const buckets = new Uint32Array(65536);
  for (const [words, shift] of [
    [keys.lo, 0],
    [keys.lo, 16],
    [keys.hi, 0],
    [keys.hi, 16],
  ] as const) {
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[(words[i]! >>> shift) & 0xffff]!++;
    if (count === 0 || buckets[(words[0]! >>> shift) & 0xffff] === count) continue;
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const n = buckets[d]!;
      buckets[d] = total;
      total += n;
    }
    for (let i = 0; i < count; i++) {
      const p = perm[i]!;
      next[buckets[(words[p]! >>> shift) & 0xffff]!++] = p;
    }
    [perm, next] = [next, perm];
  }
  const original = rows.slice();
  for (let i = 0; i < count; i++) rows[i] = original[perm[i]!]!;
}

function comparatorFor(column: Extract<VoColumn, { kind: 'string' }>, sign: number): (a: number, b: number) => number {
  const values = column.values;
  return (a, b) => {
    const d = compareStrings(values[a]!, values[b]!);
    return d !== 0 ? sign * d : a - b;
  };
}
