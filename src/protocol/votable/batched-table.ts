/**
 * A table that grows as row batches arrive (see worker-batches.ts), for the
 * page to show rows while the rest of a result is still on its way. Adding a
 * batch makes a new table object sharing the earlier batches: no rows are
 * copied on the page's thread. Once the whole result is there, the worker's
 * complete table replaces it.
 */
import { makeReader, type Reader } from './table-access';
import type { Cell, VoColumn, VoTableTable } from './types';
import type { BatchTableHeader, RowBatch } from './worker-batches';

export interface BatchedTable extends VoTableTable {
  /** How many batches it is made of. */
  readonly batchCount: number;
  /** This table with one more batch (which must start where this one ends). */
  append(batch: RowBatch): BatchedTable;
}

interface Part {
  batch: RowBatch;
  readers: (Reader | undefined)[];
}

function build(header: BatchTableHeader, parts: Part[], starts: number[], rowCount: number): BatchedTable {
  const partOf = (row: number): number => {
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const table: BatchedTable = {
    ...(header.name !== undefined ? { name: header.name } : {}),
    ...(header.id !== undefined ? { id: header.id } : {}),
    fields: header.fields,
    params: [],
    groups: [],
    infos: [],
    links: [],
    serialization: header.serialization,
    rowCount,
    // The first batch's columns stand for the column kinds; rows beyond it are read with cell().
    columns: parts[0]?.batch.columns ?? [],
    batchCount: parts.length,
    cell(row: number, col: number): Cell {
      if (!(row >= 0 && row < rowCount)) throw new RangeError(`Row ${row} is outside 0..${rowCount - 1}.`);
      const field = header.fields[col];
      if (!field) throw new RangeError(`Column ${col} is outside 0..${header.fields.length - 1}.`);
      const index = partOf(row);
      const part = parts[index]!;
      const reader = (part.readers[col] ??= makeReader(part.batch.columns[col]!, field));
      return reader(row - starts[index]!);
    },
    column(): VoColumn {
      throw new Error('A table still arriving is read cell by cell.');
    },
    append(batch: RowBatch): BatchedTable {
      if (batch.firstRow !== rowCount) throw new RangeError(`A batch starting at row ${batch.firstRow} does not follow row ${rowCount - 1}.`);
      if (batch.rowCount === 0) return table;
      return build(header, [...parts, { batch, readers: [] }], [...starts, rowCount], rowCount + batch.rowCount);
    },
  };
  return table;
}

/** A growing table from its first batch, which carries the header. */
export function batchedTable(first: RowBatch): BatchedTable {
  if (!first.header || first.firstRow !== 0) throw new RangeError('The first batch of a table starts at row 0 and carries its header.');
  return build(first.header, [{ batch: first, readers: [] }], [0], first.rowCount);
}
