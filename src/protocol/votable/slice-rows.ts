/** Copies of a range of rows of columns being decoded (the row batches of the streaming decoder). */

import { K_ARRAY, K_STRING, type ColumnBuilder, type NumericArray } from './column-builder';
import { T_BIT, T_BOOLEAN, T_LONG } from './field-spec';
import type { VoColumnData } from './types';

function rebased(offsets: Uint32Array, a: number, b: number): Uint32Array {
  const out = new Uint32Array(b - a + 1);
  const base = offsets[a]!;
  for (let i = 0; i <= b - a; i++) out[i] = offsets[a + i]! - base;
  return out;
}

function sliceColumn(c: ColumnBuilder, a: number, b: number): VoColumnData {
  let nulls: Uint8Array | null = c.nulls ? c.nulls.slice(a, b) : null;
  if (nulls && nulls.indexOf(1) < 0) nulls = null;
  if (c.storage === K_STRING) {
    return { kind: 'string-bytes', bytes: c.bytes.slice(c.offsets[a], c.offsets[b]), offsets: rebased(c.offsets, a, b), nulls };
  }
  if (c.storage === K_ARRAY) {
    const from = c.offsets[a]!;
    const to = c.offsets[b]!;
    return {
      kind: 'array',
      datatype: c.spec.field.datatype,
      shape: c.spec.field.shape.slice(),
      values: c.values.slice(from, to),
      offsets: rebased(c.offsets, a, b),
      nulls,
    };
  }
  const values = (c.values as NumericArray).slice(a, b);
  if (c.type === T_BOOLEAN || c.type === T_BIT) return { kind: 'boolean', values: values as Uint8Array, nulls };
  if (c.type === T_LONG) return { kind: 'long', values: values as BigInt64Array, nulls };
  return {
    kind: 'number',
    datatype: c.spec.field.datatype as 'unsignedByte' | 'short' | 'int' | 'float' | 'double',
    values: values as Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array,
    nulls,
  };
}

/** Rows [a, b) of the columns, as columns of their own (copies; transferable). */
export function sliceRows(cols: readonly ColumnBuilder[], a: number, b: number): VoColumnData[] {
  return cols.map((c) => sliceColumn(c, a, b));
}
