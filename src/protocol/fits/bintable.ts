/**
 * The cells of a BINTABLE, column by column, into the VOTable decoder's
 * columnar storage (see ../votable/types.ts): big-endian numbers, TNULL and
 * NaN as null, TSCAL/TZERO applied, fixed arrays from the row and
 * variable-length arrays from the heap through their P or Q descriptors.
 * Every descriptor is checked against the heap, and the values all
 * descriptors point at together are bounded, so a small file cannot make a
 * huge table.
 */

import { VotableError, type VoColumnData } from '../votable/types';
import { elementBytes, ELEMENT_BYTES, type ColumnPlan } from './columns';
import { fill, type Out } from './elements';

export interface TableBytes {
  bytes: Uint8Array;
  dv: DataView;
  /** Offset of the first row and the row count. */
  start: number;
  rows: number;
  /** Offsets of the heap, [heapStart, heapEnd). */
  heapStart: number;
  heapEnd: number;
  /** Bytes of values the heap may still expand to (shared by all columns). */
  budget: { left: number };
}

function allocate(datatype: string, n: number): Out {
  switch (datatype) {
    case 'short':
      return new Int16Array(n);
    case 'int':
      return new Int32Array(n);
    case 'long':
      return new BigInt64Array(n);
    case 'float':
    case 'floatComplex':
      return new Float32Array(n);
    case 'double':
    case 'doubleComplex':
      return new Float64Array(n);
    default:
      return new Uint8Array(n);
  }
}

/** True for K columns with TZERO 2^63 holding a value beyond 2^63 - 1 (a long cannot keep it). */
function beyondLong(plan: ColumnPlan, t: TableBytes): boolean {
  if (plan.code !== 'K' || plan.mode !== 'offset' || plan.heap || plan.field.shape.length > 0) return false;
  for (let r = 0; r < t.rows; r++) {
    const p = t.start + plan.offset + r * plan.stride;
    if (t.dv.getInt32(p) >= 0 && !(plan.tnull !== undefined && t.dv.getBigInt64(p) === plan.tnull)) return true;
  }
  return false;
}

/** Unsigned 64-bit values as exact decimal text (when some are beyond a long). */
function unsignedLongText(plan: ColumnPlan, t: TableBytes): VoColumnData {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets = new Uint32Array(t.rows + 1);
  let length = 0;
  for (let r = 0; r < t.rows; r++) {
    const raw = t.dv.getBigInt64(t.start + plan.offset + r * plan.stride);
    if (plan.tnull === undefined || raw !== plan.tnull) {
      const part = enc.encode((raw + 2n ** 63n).toString());
      parts.push(part);
      length += part.length;
    }
    offsets[r + 1] = length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  plan.field.datatype = 'char';
  plan.field.arraysize = '*';
  plan.field.shape = [-1];
  delete plan.field.nullValue;
  return { kind: 'string-bytes', bytes, offsets, nulls: null };
}

/** The length of a FITS string in bytes[a, a + n): up to the first NUL, trailing spaces dropped. */
function textLength(bytes: Uint8Array, a: number, n: number): number {
  let e = 0;
  while (e < n && bytes[a + e] !== 0) e++;
  while (e > 0 && bytes[a + e - 1] === 0x20) e--;
  return e;
}

/** Position and element count of row r's cell: in the row, or in the heap through its descriptor. */
function cellAt(plan: ColumnPlan, t: TableBytes, r: number): { pos: number; n: number } {
  const p = t.start + plan.offset + r * plan.stride;
  if (!plan.heap) return { pos: p, n: plan.repeat };
  let n: number;
  let off: number;
  if (plan.heap === 'P') {
    n = t.dv.getInt32(p);
    off = t.dv.getInt32(p + 4);
  } else {
    const big = t.dv.getUint32(p) !== 0 || t.dv.getUint32(p + 8) !== 0;
    n = big ? -1 : t.dv.getUint32(p + 4);
    off = big ? -1 : t.dv.getUint32(p + 12);
  }
  const size = elementBytes(plan.code, n);
  if (n < 0 || off < 0 || t.heapStart + off + size > t.heapEnd) {
    throw new VotableError('invalid-data', `Row ${r + 1} of the FITS column '${plan.field.name}' points outside the heap.`);
  }
  return { pos: t.heapStart + off, n };
}

function spend(t: TableBytes, bytes: number, plan: ColumnPlan): void {
  t.budget.left -= bytes;
  if (t.budget.left < 0) {
    throw new VotableError('too-large', `The variable-length arrays of the FITS column '${plan.field.name}' expand beyond the decoder's limit for a file of this size.`);
  }
}

function textColumn(plan: ColumnPlan, t: TableBytes): VoColumnData {
  const rows = t.rows;
  const offsets = new Uint32Array(rows + 1);
  let total = 0;
  if (plan.heap) {
    for (let r = 0; r < rows; r++) total += cellAt(plan, t, r).n;
    spend(t, total, plan);
  } else total = rows * Math.max(plan.repeat, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    const { pos, n } = cellAt(plan, t, r);
    const len = textLength(t.bytes, pos, n);
    out.set(t.bytes.subarray(pos, pos + len), at);
    at += len;
    offsets[r + 1] = at;
  }
  return { kind: 'string-bytes', bytes: at < total ? out.slice(0, at) : out, offsets, nulls: null };
}

/** rA with a 2-D TDIM: one string per dims[0] characters. */
function textArrayColumn(plan: ColumnPlan, t: TableBytes): VoColumnData {
  const per = plan.dims[0]!;
  const count = plan.repeat / per;
  const values: (string | null)[] = new Array<string | null>(t.rows * count);
  const offsets = new Uint32Array(t.rows + 1);
  const latin1 = new TextDecoder('latin1');
  let nulls: Uint8Array | null = null;
  for (let r = 0; r < t.rows; r++) {
    const { pos } = cellAt(plan, t, r);
    let empty = true;
    for (let s = 0; s < count; s++) {
      const a = pos + s * per;
      const len = textLength(t.bytes, a, per);
      values[r * count + s] = len === 0 ? null : latin1.decode(t.bytes.subarray(a, a + len));
      if (len > 0) empty = false;
    }
    offsets[r + 1] = (r + 1) * count;
    if (empty) (nulls ??= new Uint8Array(t.rows))[r] = 1;
  }
  return { kind: 'array', datatype: 'char', shape: plan.field.shape.slice(), values, offsets, nulls };
}

/** A test for a null element of an array column's storage. */
function nullElement(plan: ColumnPlan, out: Out): (i: number) => boolean {
  const dt = plan.field.datatype;
  if (dt === 'boolean') return (i) => out[i] === 2;
  if (dt === 'bit') return () => false;
  if (out instanceof Float32Array || out instanceof Float64Array) return (i) => out[i] !== out[i];
  const nv = plan.field.nullValue;
  if (nv === undefined) return () => false;
  if (out instanceof BigInt64Array) {
    const big = BigInt(nv);
    return (i) => out[i] === big;
  }
  const num = Number(nv);
  return (i) => out[i] === num;
}

function arrayColumn(plan: ColumnPlan, t: TableBytes): VoColumnData {
  const rows = t.rows;
  const per = plan.code === 'C' || plan.code === 'M' ? 2 : 1;
  const offsets = new Uint32Array(rows + 1);
  let total = 0;
  if (plan.heap) {
    for (let r = 0; r < rows; r++) total += cellAt(plan, t, r).n;
    spend(t, total * per * ELEMENT_BYTES[plan.code], plan);
  } else total = rows * plan.repeat;
  const out = allocate(plan.field.datatype, total * per);
  const isNull = nullElement(plan, out);
  const stride = ELEMENT_BYTES[plan.code];
  let nulls: Uint8Array | null = null;
  let at = 0;
  for (let r = 0; r < rows; r++) {
    const { pos, n } = cellAt(plan, t, r);
    fill(plan, t, pos, stride, n, out, at, null);
    // A cell all of whose elements are null is null, as in VOTable.
    let all = n > 0;
    for (let i = at * per; all && i < (at + n) * per; i++) all = isNull(i);
    if (all) (nulls ??= new Uint8Array(rows))[r] = 1;
    at += n;
    offsets[r + 1] = at * per;
  }
  return { kind: 'array', datatype: plan.field.datatype, shape: plan.field.shape.slice(), values: out, offsets, nulls };
}

function scalarColumn(plan: ColumnPlan, t: TableBytes): VoColumnData {
  const rows = t.rows;
  const out = allocate(plan.field.datatype, rows);
  const nulls = new Uint8Array(rows);
  const first = t.start + plan.offset;
  if (plan.code === 'X') {
    const o = out as Uint8Array;
    for (let r = 0; r < rows; r++) o[r] = t.bytes[first + r * plan.stride]! >> 7;
  } else fill(plan, t, first, plan.stride, rows, out, 0, nulls);
  const anyNull = nulls.indexOf(1) >= 0 ? nulls : null;
  const dt = plan.field.datatype;
  if (dt === 'boolean' || dt === 'bit') return { kind: 'boolean', values: out as Uint8Array, nulls: anyNull };
  if (dt === 'long') return { kind: 'long', values: out as BigInt64Array, nulls: anyNull };
  return { kind: 'number', datatype: dt as 'unsignedByte' | 'short' | 'int' | 'float' | 'double', values: out as Exclude<Out, BigInt64Array>, nulls: anyNull };
}

/** The decoded cells of one column. */
export function decodeColumn(plan: ColumnPlan, t: TableBytes): VoColumnData {
  if (!plan.heap && plan.repeat === 0) return { kind: 'string-bytes', bytes: new Uint8Array(0), offsets: new Uint32Array(t.rows + 1), nulls: null };
  if (plan.code === 'A') return plan.dims.length > 1 && !plan.heap ? textArrayColumn(plan, t) : textColumn(plan, t);
  const complex = plan.code === 'C' || plan.code === 'M';
  if (plan.heap || plan.field.shape.length > 0 || complex) return arrayColumn(plan, t);
  if (beyondLong(plan, t)) return unsignedLongText(plan, t);
  return scalarColumn(plan, t);
}
