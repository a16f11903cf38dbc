/** Growable columnar storage filled by the decoders. */

import {
  K_ARRAY as K_ARRAY_,
  K_SCALAR as K_SCALAR_,
  K_STRING as K_STRING_,
  T_BIT as T_BIT_,
  T_BOOLEAN as T_BOOLEAN_,
  T_CHAR as T_CHAR_,
  T_DCOMPLEX as T_DCOMPLEX_,
  T_DOUBLE as T_DOUBLE_,
  T_FCOMPLEX as T_FCOMPLEX_,
  T_FLOAT as T_FLOAT_,
  T_INT as T_INT_,
  T_LONG as T_LONG_,
  T_SHORT as T_SHORT_,
  T_UBYTE as T_UBYTE_,
  T_UCHAR as T_UCHAR_,
  type FieldSpec,
} from './field-spec';
import type { VoColumnData } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const K_ARRAY = K_ARRAY_;
const K_SCALAR = K_SCALAR_;
const K_STRING = K_STRING_;
const T_BIT = T_BIT_;
const T_BOOLEAN = T_BOOLEAN_;
const T_CHAR = T_CHAR_;
const T_DCOMPLEX = T_DCOMPLEX_;
const T_DOUBLE = T_DOUBLE_;
const T_FCOMPLEX = T_FCOMPLEX_;
const T_FLOAT = T_FLOAT_;
const T_INT = T_INT_;
const T_LONG = T_LONG_;
const T_SHORT = T_SHORT_;
const T_UBYTE = T_UBYTE_;
const T_UCHAR = T_UCHAR_;

export type NumericArray = Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array | BigInt64Array;
export type Storage = NumericArray | (string | null)[];

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index offsets of the low and high 32-bit halves of an int64 within a Uint32/Int32 view. */
export const LO = LITTLE_ENDIAN_HOST ? 0 : 1;
export const HI = LITTLE_ENDIAN_HOST ? 1 : 0;

function allocate(type: number, n: number): Storage {
  switch (type) {
    case T_BOOLEAN:
    case T_BIT:
    case T_UBYTE:
      return new Uint8Array(n);
    case T_SHORT:
      return new Int16Array(n);
    case T_INT:
      return new Int32Array(n);
    case T_LONG:
      return new BigInt64Array(n);
    case T_FLOAT:
    case T_FCOMPLEX:
      return new Float32Array(n);
    case T_DOUBLE:
    case T_DCOMPLEX:
      return new Float64Array(n);
    default:
      return [];
  }
}

function grow(old: Storage, type: number, n: number): Storage {
  if (Array.isArray(old)) return old;
  const next = allocate(type, n) as NumericArray;
  (next as Uint8Array).set(old as Uint8Array);
  return next;
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_I16 = new Int16Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class ColumnBuilder {
  readonly spec: FieldSpec;
  readonly type: number;
  readonly storage: number;
  rowCap = 0;
  values: Storage;
  nulls: Uint8Array | null = null;
  /** K_ARRAY and K_STRING: entry (or byte) offsets, rowCap + 1 long. */
  offsets: Uint32Array;
  /** K_ARRAY: entries written; K_STRING: bytes written. */
  count = 0;
  /** K_STRING: UTF-8 bytes of all cells. */
  bytes: Uint8Array = new Uint8Array(0);
  elemCap = 0;
  /** int64 halves of `values` when type is long. */
  lo: Uint32Array = new Uint32Array(0);
  hi: Int32Array = new Int32Array(0);
  /**
   * `values` by element type (empty for the other types). The decoders store
   * through these: a store into `values` sees several array types and boxes
   * every double it writes.
   */
  f64: Float64Array = EMPTY_F64;
  f32: Float32Array = EMPTY_F32;
  i32: Int32Array = EMPTY_I32;
  i16: Int16Array = EMPTY_I16;
  u8: Uint8Array = EMPTY_U8;
  /** Cells that did not parse as the field's datatype (stored as null), and the first such row. */
  invalidCells = 0;
  firstInvalidRow = -1;
  lastInvalidRow = -1;

  constructor(spec: FieldSpec, rows: number) {
    this.spec = spec;
    this.type = spec.type;
    this.storage = spec.storage;
    this.offsets = new Uint32Array(0);
    this.values = allocate(this.storageType(), 0);
    this.growRows(Math.max(rows, 16));
  }

  private storageType(): number {
    return this.storage === K_STRING ? T_CHAR : this.type === T_UCHAR ? T_CHAR : this.type;
  }

  growRows(cap: number): void {
    if (cap <= this.rowCap) return;
    if (this.storage === K_STRING) {
      const offsets = new Uint32Array(cap + 1);
      offsets.set(this.offsets);
      this.offsets = offsets;
      // Small at first: the bytes per row are known after 1024 rows (see ensureBytes), and the
      // decoders' growth calls run early, before the loops calling them are optimized.
      if (this.bytes.length === 0) this.ensureBytes(256);
    } else if (this.storage === K_ARRAY) {
      const offsets = new Uint32Array(cap + 1);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const spec = this.spec;
      if (!spec.variable) this.ensureEntries(cap * spec.sliceCount * spec.perElement);
      else if (this.elemCap === 0) this.ensureEntries(Math.min(cap * Math.min(spec.sliceCount, 64) * spec.perElement, 1 << 24));
    } else if (this.storage === K_SCALAR) {
      this.values = grow(this.values, this.type, cap);
      this.refreshViews();
    }
    if (this.nulls) {
      const nulls = new Uint8Array(cap);
      nulls.set(this.nulls);
      this.nulls = nulls;
    }
    this.rowCap = cap;
  }

  /**
   * Makes room for `need` string bytes in total (K_STRING); once some rows
   * are in, the new size is extrapolated to the row capacity.
   */
  ensureBytes(need: number, row = 0): void {
    if (need <= this.bytes.length) return;
    const extrapolated = row >= 1024 ? Math.ceil((need / row) * this.rowCap * 1.05) : 0;
    const next = new Uint8Array(Math.max(need, extrapolated, Math.ceil(this.bytes.length * 1.5), 256));
    next.set(this.bytes.subarray(0, this.count));
    this.bytes = next;
  }

  /** Makes room for `need` entries in total (K_ARRAY; exactly that many for fixed-size cells, which growRows sizes). */
  ensureEntries(need: number): void {
    if (need <= this.elemCap) return;
    if (Array.isArray(this.values)) {
      this.elemCap = need;
      return;
    }
    const cap = this.spec.variable ? Math.max(need, Math.ceil(this.elemCap * 1.5), 64) : need;
    this.values = grow(this.values, this.storageType(), cap);
    this.elemCap = cap;
    this.refreshViews();
  }

  private refreshViews(): void {
    const v = this.values;
    if (Array.isArray(v)) return;
    if (v instanceof BigInt64Array) {
      this.lo = new Uint32Array(v.buffer);
      this.hi = new Int32Array(v.buffer);
    } else if (v instanceof Float64Array) this.f64 = v;
    else if (v instanceof Float32Array) this.f32 = v;
    else if (v instanceof Int32Array) this.i32 = v;
    else if (v instanceof Int16Array) this.i16 = v;
    else this.u8 = v;
  }

  setNull(row: number): void {
    let nulls = this.nulls;
    if (!nulls) nulls = this.nulls = new Uint8Array(this.rowCap);
    nulls[row] = 1;
  }

  /** Forgets the partly written row `row` (the rows after it were never written). */
  rollback(row: number): void {
    if (this.storage !== K_SCALAR) this.count = this.offsets[row]!;
    // String cells are in `bytes`; only arrays of strings keep their entries in `values`.
    if (this.storage === K_ARRAY && Array.isArray(this.values)) this.values.length = this.count;
    if (this.nulls && row < this.rowCap) this.nulls[row] = 0;
  }

  finish(rows: number): VoColumnData {
    let nulls: Uint8Array | null = null;
    if (this.nulls) {
      nulls = trim(this.nulls, rows) as Uint8Array;
      if (nulls.indexOf(1) < 0) nulls = null;
    }
    const spec = this.spec;
    if (this.storage === K_STRING) {
      return {
        kind: 'string-bytes',
        bytes: trim(this.bytes, this.count) as Uint8Array,
        offsets: trim(this.offsets, rows + 1) as Uint32Array,
        nulls,
      };
    }
    if (this.storage === K_ARRAY) {
      return {
        kind: 'array',
        datatype: spec.field.datatype,
        shape: spec.field.shape.slice(),
        values: Array.isArray(this.values) ? this.values : (trim(this.values, this.count) as NumericArray),
        offsets: trim(this.offsets, rows + 1) as Uint32Array,
        nulls,
      };
    }
    const values = trim(this.values as NumericArray, rows);
    switch (this.type) {
      case T_BOOLEAN:
      case T_BIT:
        return { kind: 'boolean', values: values as Uint8Array, nulls };
      case T_LONG:
        return { kind: 'long', values: values as BigInt64Array, nulls };
      default:
        return {
          kind: 'number',
          datatype: spec.field.datatype as 'unsignedByte' | 'short' | 'int' | 'float' | 'double',
          values: values as Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array,
          nulls,
        };
    }
  }
}

/** A view of the first n entries; copied only when that saves much memory. */
function trim(a: NumericArray | Uint32Array, n: number): NumericArray | Uint32Array {
  if (a.length === n) return a;
  if (a.length - n > (n >> 2) + 65536) return a.slice(0, n);
  return a.subarray(0, n);
}

export { K_ARRAY, K_SCALAR, K_STRING };
