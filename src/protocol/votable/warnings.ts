/**
 * The decoder's record of what it tolerated: occurrences are aggregated per
 * kind, table and field, so that a million bad cells make one warning.
 */

import type { VotableWarning, VotableWarningCode } from './types';

export interface WarningOccurrence {
  code: VotableWarningCode;
  /** The TABLE the occurrence belongs to (any object standing for it), if any. */
  table?: object;
  field?: string;
  /** 0-based row of the occurrence. */
  row?: number;
  /** Occurrences being added at once (default 1). */
  count?: number;
  /** The message for the total count (called once, when the log is read). */
  message: (count: number) => string;
}

interface Entry {
  code: VotableWarningCode;
  table: object | undefined;
  field: string | undefined;
  count: number;
  firstRow: number | undefined;
  message: (count: number) => string;
}

export class WarningLog {
  private readonly entries: Entry[] = [];
  private readonly index = new Map<string, Entry>();
  private readonly tableIds = new Map<object, number>();

  add(w: WarningOccurrence): void {
    let tableId = -1;
    if (w.table) {
      tableId = this.tableIds.get(w.table) ?? this.tableIds.size;
      this.tableIds.set(w.table, tableId);
    }
    const key = `${w.code}\u0000${tableId}\u0000${w.field ?? '\u0001'}`;
    const n = w.count ?? 1;
    const found = this.index.get(key);
    if (found) {
      found.count += n;
      if (found.firstRow === undefined || (w.row !== undefined && w.row < found.firstRow)) found.firstRow = w.row;
      return;
    }
    const entry: Entry = { code: w.code, table: w.table, field: w.field, count: n, firstRow: w.row, message: w.message };
    this.entries.push(entry);
    this.index.set(key, entry);
  }

  /** The warnings, with `table` resolved to an index by `tableIndex` (undefined: not a table's). */
  list(tableIndex: (table: object) => number | undefined): VotableWarning[] {
    return this.entries.map((e) => {
      const w: VotableWarning = { code: e.code, message: e.message(e.count), count: e.count };
      const t = e.table ? tableIndex(e.table) : undefined;
      if (t !== undefined) w.table = t;
      if (e.field !== undefined) w.field = e.field;
      if (e.firstRow !== undefined) w.firstRow = e.firstRow;
      return w;
    });
  }
}

/** "1 cell" / "12 cells". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A field name quoted for a message. */
export function quoted(name: string): string {
  return `\`${name.length > 60 ? name.slice(0, 60) + '…' : name}\``;
}

/** A TABLEDATA row with more or fewer TDs than the table has fields (its table set by the caller). */
export function cellCountNote(code: 'extra-cells' | 'missing-cells', row: number, columns: number): WarningOccurrence {
  return {
    code,
    row,
    message: (n) =>
      code === 'extra-cells'
        ? `${plural(n, 'row')} had more cells than the table's ${plural(columns, 'column')}; the extra cells are ignored.`
        : `${plural(n, 'row')} had fewer cells than the table's ${plural(columns, 'column')}; the missing cells are shown as empty.`,
  };
}

/** Cells of a variable multidimensional array whose length prefix counted slices, as astropy writes them. */
export function sliceNote(field: { name: string; arraysize?: string }, row: number, count: number): WarningOccurrence {
  return {
    code: 'array-length-slices',
    field: field.name,
    row,
    count,
    message: (n) =>
      `${plural(n, 'cell')} of ${quoted(field.name)} (arraysize ${field.arraysize ?? ''}) gave ${n === 1 ? 'its' : 'their'} length in slices, as astropy writes it, not in values as the VOTable standard says; ${n === 1 ? 'it was' : 'they were'} read that way.`,
  };
}
