/**
 * Row batches: the rows of a result's first table that the worker posts while
 * the rest is still arriving. Each batch holds columns of its own, in fresh
 * buffers that nothing in the worker writes to any more, so they are
 * transferred to the page, never copied and never still in use.
 */
import type { Serialization, VoColumnData, VoField } from './types';
import { addColumnBuffers } from './worker-protocol';

/** What the page needs to show a table's rows before the table is complete. */
export interface BatchTableHeader {
  name?: string;
  id?: string;
  fields: VoField[];
  serialization: Serialization | null;
}

export interface RowBatch {
  /** The table's header: with the first batch (firstRow 0) only. */
  header?: BatchTableHeader;
  /** Row number (in the table) of the first row of this batch. */
  firstRow: number;
  rowCount: number;
  /** One column per field, holding just these rows. */
  columns: VoColumnData[];
}

type Typed = Exclude<Extract<VoColumnData, { kind: 'array' }>['values'], (string | null)[]>;

function concatTyped<T extends Typed>(parts: T[]): T {
  let length = 0;
  for (const p of parts) length += p.length;
  const Ctor = parts[0]!.constructor as new (n: number) => T;
  const out = new Ctor(length);
  let at = 0;
  for (const p of parts) {
    (out as Uint8Array).set(p as Uint8Array, at);
    at += p.length;
  }
  return out;
}

function concatNulls(columns: VoColumnData[], counts: number[]): Uint8Array | null {
  if (columns.every((c) => c.nulls === null)) return null;
  const out = new Uint8Array(counts.reduce((a, b) => a + b, 0));
  let at = 0;
  columns.forEach((c, i) => {
    if (c.nulls) out.set(c.nulls, at);
    at += counts[i]!;
  });
  return out;
}

/** Offsets of consecutive parts as one: each part's offsets moved by what comes before it. */
function concatOffsets(parts: Uint32Array[], counts: number[]): Uint32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Uint32Array(total + 1);
  let row = 0;
  let base = 0;
  parts.forEach((offsets, i) => {
    const n = counts[i]!;
    for (let r = 0; r < n; r++) out[row + r] = base + offsets[r]!;
    row += n;
    base += offsets[n]!;
  });
  out[total] = base;
  return out;
}

function concatColumn(parts: VoColumnData[], counts: number[]): VoColumnData {
  const first = parts[0]!;
  const nulls = concatNulls(parts, counts);
  switch (first.kind) {
    case 'string-bytes': {
      const own = parts as Extract<VoColumnData, { kind: 'string-bytes' }>[];
      return { kind: 'string-bytes', bytes: concatTyped(own.map((p) => p.bytes)), offsets: concatOffsets(own.map((p) => p.offsets), counts), nulls };
    }
    case 'array': {
      const own = parts as Extract<VoColumnData, { kind: 'array' }>[];
      const values = Array.isArray(first.values)
        ? own.flatMap((p) => p.values as (string | null)[])
        : concatTyped(own.map((p) => p.values as Typed));
      return { ...first, values, offsets: concatOffsets(own.map((p) => p.offsets), counts), nulls };
    }
    default:
      return { ...first, values: concatTyped(parts.map((p) => (p as typeof first).values)), nulls } as VoColumnData;
  }
}

/** Consecutive batches of one table as one batch (a single batch is returned as it is). */
export function mergeBatches(batches: readonly RowBatch[]): RowBatch {
  if (batches.length === 1) return batches[0]!;
  const first = batches[0]!;
  const counts = batches.map((b) => b.rowCount);
  const columns = first.columns.map((_, col) => concatColumn(batches.map((b) => b.columns[col]!), counts));
  const merged: RowBatch = { firstRow: first.firstRow, rowCount: counts.reduce((a, b) => a + b, 0), columns };
  if (first.header) merged.header = first.header;
  return merged;
}

/** The distinct ArrayBuffers of a batch's columns, to transfer it. */
export function batchTransferables(batch: RowBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of batch.columns) addColumnBuffers(buffers, c);
  return [...buffers];
}
