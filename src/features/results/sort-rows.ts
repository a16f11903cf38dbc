import type { VoColumn, VoTableTable } from '../../protocol/votable/types';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: number;
  direction: SortDirection;
}

/** Whether a column can be sorted (array columns cannot). */
export function isSortable(column: VoColumn): boolean {
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
  const compare = comparatorFor(column, sign);
  order.subarray(0, valueCount).sort(compare);
  return order;
}

function comparatorFor(column: Exclude<VoColumn, { kind: 'array' }>, sign: number): (a: number, b: number) => number {
  switch (column.kind) {
    case 'number':
    case 'boolean':
    case 'long': {
      const values = column.values;
      return (a, b) => {
        const va = values[a]!;
        const vb = values[b]!;
        return va < vb ? -sign : va > vb ? sign : a - b;
      };
    }
    case 'string': {
      const values = column.values;
      return (a, b) => {
        const d = compareStrings(values[a]!, values[b]!);
        return d !== 0 ? sign * d : a - b;
      };
    }
  }
}
