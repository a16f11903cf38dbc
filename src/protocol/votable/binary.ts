/**
 * BINARY and BINARY2 decoder: reads big-endian rows with a DataView straight
 * into the columns. BINARY2 rows start with a null bitmap, one bit per field,
 * most significant bit first.
 *
 * The stream arrives in windows (see byte-source.ts). All complete rows of a
 * window are decoded by one tight loop; a row cut by the window's end is
 * undone and decoded again once the window has been refilled.
 *
 * Longer than 300 lines: the row loop and its per-datatype readers are one hot path, kept together.
 */

import { HI as HI_, K_ARRAY as K_ARRAY_, K_SCALAR as K_SCALAR_, LO as LO_, type ColumnBuilder } from './column-builder';
import type { ByteSource } from './byte-source';
import {
  ELEMENT_BYTES as ELEMENT_BYTES_,
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
import { appendBytes as appendBytes_, appendString as appendString_, trimPadding as trimPadding_ } from './string-bytes';
import { fillNullEntries as fillNullEntries_ } from './cell-writers';
import { VotableError } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const HI = HI_;
const LO = LO_;
const K_ARRAY = K_ARRAY_;
const K_SCALAR = K_SCALAR_;
const ELEMENT_BYTES = ELEMENT_BYTES_;
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
const appendString = appendString_;
const trimPadding = trimPadding_;
const appendBytes = appendBytes_;
const fillNullEntries = fillNullEntries_;

export interface BinaryContext {
  progress?: (inputPosition: number, rows: number) => void;
  /** Row count given by the TABLE's nrows attribute, if any. */
  declaredRows?: number;
  /** Variable multidimensional cells of a field whose length prefix counted slices (astropy), not values. */
  onSliceCount?: (field: FieldSpec['field'], firstRow: number, cells: number) => void;
}

// Decoding operations, one per (storage, datatype, fixed/variable) combination.
const OP_DOUBLE = 0;
const OP_FLOAT = 1;
const OP_INT = 2;
const OP_SHORT = 3;
const OP_UBYTE = 4;
const OP_LONG = 5;
const OP_BOOLEAN = 6;
const OP_BIT = 7;
const OP_CHARS = 8;
const OP_CHARS_VAR = 9;
const OP_UCHARS = 10;
const OP_UCHARS_VAR = 11;
const OP_ARRAY = 12;
const OP_ARRAY_VAR = 13;

interface Plan {
  spec: FieldSpec;
  col: ColumnBuilder;
  op: number;
  /** Bytes of a fixed cell; for variable ones, bytes per slice (bit arrays: bits per slice). */
  bytes: number;
  /** Maximum slice count of a variable cell ("n*"), or -1. */
  maxSlices: number;
  nullNumber: number | undefined;
  /** The VALUES null of a float or double field, NaN when there is none (never equal: no match, no boxing). */
  nullFloat: number;
  hasLongNull: boolean;
  nullHi: number;
  nullLo: number;
  /** UTF-8 bytes of the VALUES null of a string field. */
  nullBytes: Uint8Array | null;
  /** Values per slice of a variable cell (the fixed dimensions' product). */
  slice: number;
  /** Cells whose length prefix counted slices, and the row of the first. */
  sliceCounted: number;
  firstSliceCounted: number;
  lastSliceCounted: number;
}

const utf8 = new TextDecoder('utf-8');

function cellBytes(spec: FieldSpec): number {
  if (spec.type === T_BIT) return Math.ceil(spec.sliceCount / 8);
  return spec.sliceCount * spec.perElement * ELEMENT_BYTES[spec.type]!;
}

function opOf(spec: FieldSpec): number {
  if (spec.storage === K_SCALAR) {
    switch (spec.type) {
      case T_DOUBLE:
        return OP_DOUBLE;
      case T_FLOAT:
        return OP_FLOAT;
      case T_INT:
        return OP_INT;
      case T_SHORT:
        return OP_SHORT;
      case T_UBYTE:
        return OP_UBYTE;
      case T_LONG:
        return OP_LONG;
      case T_BOOLEAN:
        return OP_BOOLEAN;
      default:
        return OP_BIT;
    }
  }
  if (spec.storage === K_ARRAY) return spec.variable ? OP_ARRAY_VAR : OP_ARRAY;
  if (spec.type === T_CHAR) return spec.variable ? OP_CHARS_VAR : OP_CHARS;
  return spec.variable ? OP_UCHARS_VAR : OP_UCHARS;
}

function makePlan(spec: FieldSpec, col: ColumnBuilder): Plan {
  return {
    spec,
    col,
    op: opOf(spec),
    bytes: spec.variable && spec.type === T_BIT ? spec.sliceCount : cellBytes(spec),
    maxSlices: spec.maxSlices,
    nullNumber: spec.nullNumber,
    nullFloat: spec.nullFloat ?? NaN,
    hasLongNull: spec.hasLongNull,
    nullHi: spec.nullHi,
    nullLo: spec.nullLo,
    nullBytes: spec.nullBytes,
    slice: spec.sliceCount,
    sliceCounted: 0,
    firstSliceCounted: -1,
    lastSliceCounted: -1,
  };
}

/**
 * Slices of a variable cell whose length prefix is `count`. The VOTable
 * standard (and STIL) count the values ("multiplying the size and number of
 * the primitives"); astropy counts the slices of the fixed dimensions. A
 * count that is not a whole number of slices can only be astropy's.
 */
function slicesOf(plan: Plan, count: number, row: number): number {
  const slice = plan.slice;
  if (slice === 1 || count < 0) return count;
  if (count % slice === 0) return count / slice;
  // A row decoded again after a cut is not counted twice.
  if (row > plan.lastSliceCounted) {
    if (plan.sliceCounted++ === 0) plan.firstSliceCounted = row;
    plan.lastSliceCounted = row;
  }
  return count;
}

/** Bytes of a variable cell with `count` slices. */
function varBytes(p: Plan, count: number): number {
  return p.spec.type === T_BIT ? Math.ceil((count * p.bytes) / 8) : count * p.bytes;
}

/** Set when a row is cut by the end of the window: the bytes that row needs at least. */
let cutNeed = 0;

/**
 * Decodes rows until the stream ends; returns the row count. Throws on a
 * truncated stream or a variable-length count that cannot be right.
 */
export function decodeBinaryRows(src: ByteSource, specs: FieldSpec[], cols: ColumnBuilder[], binary2: boolean, ctx: BinaryContext): number {
  const rows = new BinaryRows(specs, cols, binary2, ctx);
  rows.decode(src);
  return rows.finish();
}

/**
 * Binary rows decoded as their bytes come: `decode` reads the complete rows
 * the source holds and returns false when the source waits for more bytes
 * (see ByteSource.waiting), true when the stream ended.
 */
export class BinaryRows {
  row = 0;
  private readonly plans: Plan[];
  private readonly flagBytes: number;
  private readonly fixedRow: number;
  private readonly variable: boolean;
  private allocated = false;

  constructor(
    specs: FieldSpec[],
    private readonly cols: ColumnBuilder[],
    private readonly binary2: boolean,
    private readonly ctx: BinaryContext,
  ) {
    this.plans = specs.map((s, i) => makePlan(s, cols[i]!));
    this.flagBytes = binary2 ? (specs.length + 7) >> 3 : 0;
    let fixedRow = this.flagBytes;
    let variable = false;
    for (const p of this.plans) {
      if (p.spec.variable) variable = true;
      else fixedRow += p.bytes;
    }
    this.fixedRow = fixedRow;
    this.variable = variable;
  }

  private allocate(src: ByteSource): void {
    // First allocation: exact for fixed-size rows, else bounded and refined below.
    const cols = this.cols;
    const bound = src.end - src.start + src.remainingBound();
    const minRow = Math.max(1, this.fixedRow + (this.variable ? 4 : 0));
    let estimate = Math.ceil(bound / minRow);
    if (this.ctx.declaredRows !== undefined) estimate = Math.min(estimate, Math.max(this.ctx.declaredRows, 16));
    else if (this.variable || src.waiting?.()) estimate = Math.min(estimate, 4096);
    for (const c of cols) c.growRows(Math.max(16, Math.min(estimate, 1 << 27)));
    this.allocated = true;
  }

  decode(src: ByteSource): boolean {
    const { plans, cols, binary2, flagBytes, fixedRow, variable, ctx } = this;
    if (plans.length === 0) {
      if (src.refill(1)) throw new VotableError('invalid-data', 'Binary data in a table without fields.');
      return !src.waiting?.();
    }
    if (!variable && fixedRow === 0) return !src.waiting?.();
    if (!this.allocated) {
      if (!src.refill(1) && src.waiting?.()) return false;
      this.allocate(src);
    }
    let row = this.row;
    try {
      for (;;) {
        if (src.end === src.start && !src.refill(1)) {
          if (src.waiting?.()) return false;
          break;
        }
        const before = row;
        const unread = src.end - src.start;
        row = decodeWindow(src, plans, cols, binary2, flagBytes, variable ? -1 : fixedRow, row);
        if (row === before) {
          // Not even one complete row in the window: get more bytes.
          const need = variable ? cutNeed : fixedRow;
          if (!src.refill(Math.max(need, unread + 1))) {
            if (src.waiting?.()) return false;
            throw truncated(row);
          }
          continue;
        }
        if (variable && ctx.declaredRows === undefined && row >= cols[0]!.rowCap * 0.75) {
          // Re-estimate the total from the bytes per row seen so far.
          const perRow = Math.max(1, src.inputPosition()) / row;
          const rest = src.waiting?.() ? 0 : src.remainingBound();
          const total = Math.ceil((src.inputPosition() + (src.end - src.start) * 1.34 + rest * 1.34) / perRow);
          if (total > cols[0]!.rowCap) for (const c of cols) c.growRows(Math.min(total + 1024, 1 << 27));
        }
        ctx.progress?.(src.inputPosition(), row);
      }
    } finally {
      this.row = row;
    }
    return true;
  }

  /** The row count, once the stream has ended; reports cells read with astropy's length prefix. */
  finish(): number {
    for (const p of this.plans) if (p.sliceCounted > 0) this.ctx.onSliceCount?.(p.spec.field, p.firstSliceCounted, p.sliceCounted);
    return this.row;
  }
}

function truncated(row: number): VotableError {
  return new VotableError('malformed', `Truncated binary stream: row ${row + 1} is incomplete.`);
}

function badCount(plan: Plan, count: number): VotableError {
  const name = plan.spec.field.name;
  if (count < 0) return new VotableError('invalid-data', `Negative array length ${count} in field '${name}'.`);
  if (plan.maxSlices >= 0 && count > plan.maxSlices) {
    return new VotableError('invalid-data', `Array length ${count} of field '${name}' exceeds its arraysize ${plan.spec.field.arraysize}.`);
  }
  return new VotableError(
    'malformed',
    `Array length ${count} of field '${name}' goes beyond the end of the stream (truncated or corrupt data).`,
  );
}

/** Decodes the complete rows of the current window; returns the new row count. */
function decodeWindow(
  src: ByteSource,
  plans: Plan[],
  cols: ColumnBuilder[],
  binary2: boolean,
  flagBytes: number,
  fixedRow: number,
  row0: number,
): number {
  const buf = src.buf;
  const dv = src.dv;
  const end = src.end;
  const nf = plans.length;
  const beyond = src.remainingBound();
  let p = src.start;
  let row = row0;
  let cap = cols[0]!.rowCap;
  const headBytes = flagBytes > 0 ? flagBytes : 1;
  for (;;) {
    const rowStart = p;
    if (fixedRow >= 0) {
      if (p + fixedRow > end) break;
    } else if (p + flagBytes > end || p === end) {
      // No complete row header left (BINARY rows have none: stop at the window's end).
      cutNeed = headBytes;
      break;
    }
    if (row >= cap) {
      const more = Math.ceil(row * 1.5) + 1024;
      for (const c of cols) c.growRows(more);
      cap = cols[0]!.rowCap;
    }
    p += flagBytes;
    let cut = false;
    for (let f = 0; f < nf; f++) {
      const plan = plans[f]!;
      const col = plan.col;
      const isNull = binary2 && (buf[rowStart + (f >> 3)]! & (0x80 >> (f & 7))) !== 0;
      const op = plan.op;
      if (fixedRow < 0 && op !== OP_CHARS_VAR && op !== OP_UCHARS_VAR && op !== OP_ARRAY_VAR && p + plan.bytes > end) {
        cutNeed = p + plan.bytes - rowStart;
        cut = true;
        break;
      }
      switch (op) {
        case OP_DOUBLE: {
          const v = dv.getFloat64(p);
          col.f64[row] = v;
          if (isNull || v !== v || v === plan.nullFloat) col.setNull(row);
          p += 8;
          break;
        }
        case OP_FLOAT: {
          const v = dv.getFloat32(p);
          col.f32[row] = v;
          if (isNull || v !== v || v === plan.nullFloat) col.setNull(row);
          p += 4;
          break;
        }
        case OP_INT: {
          const v = dv.getInt32(p);
          col.i32[row] = v;
          if (isNull || v === plan.nullNumber) col.setNull(row);
          p += 4;
          break;
        }
        case OP_SHORT: {
          const v = dv.getInt16(p);
          col.i16[row] = v;
          if (isNull || v === plan.nullNumber) col.setNull(row);
          p += 2;
          break;
        }
        case OP_UBYTE: {
          const v = buf[p]!;
          col.u8[row] = v;
          if (isNull || v === plan.nullNumber) col.setNull(row);
          p += 1;
          break;
        }
        case OP_LONG: {
          const hi = dv.getInt32(p);
          const lo = dv.getUint32(p + 4);
          col.hi[2 * row + HI] = hi;
          col.lo[2 * row + LO] = lo;
          if (isNull || (plan.hasLongNull && hi === plan.nullHi && lo === plan.nullLo)) col.setNull(row);
          p += 8;
          break;
        }
        case OP_BOOLEAN: {
          const v = boolByte(buf[p]!);
          col.u8[row] = v === 1 ? 1 : 0;
          if (isNull || v === 2) col.setNull(row);
          p += 1;
          break;
        }
        case OP_BIT: {
          col.u8[row] = buf[p]! >> 7;
          if (isNull) col.setNull(row);
          p += 1;
          break;
        }
        case OP_CHARS:
          putChars(plan, row, buf, p, p + plan.bytes, isNull);
          p += plan.bytes;
          break;
        case OP_UCHARS:
          putUcs2(plan, row, dv, p, plan.bytes, isNull);
          p += plan.bytes;
          break;
        default: {
          // Variable-length cells and arrays.
          let slices = 1;
          let bytes = plan.bytes;
          if (op !== OP_ARRAY) {
            if (p + 4 > end) {
              cutNeed = p + 4 - rowStart;
              cut = true;
              break;
            }
            slices = slicesOf(plan, dv.getInt32(p), row);
            bytes = varBytes(plan, slices);
            if (slices < 0 || (plan.maxSlices >= 0 && slices > plan.maxSlices) || p + 4 + bytes - end > beyond) {
              throw badCount(plan, slices);
            }
            if (p + 4 + bytes > end) {
              cutNeed = p + 4 + bytes - rowStart;
              cut = true;
              break;
            }
            p += 4;
          }
          if (op === OP_CHARS_VAR) putChars(plan, row, buf, p, p + bytes, isNull);
          else if (op === OP_UCHARS_VAR) putUcs2(plan, row, dv, p, bytes, isNull);
          else readArray(plan, row, buf, dv, p, slices, isNull);
          p += bytes;
        }
      }
      if (cut) break;
    }
    if (cut) {
      for (const c of cols) c.rollback(row);
      p = rowStart;
      break;
    }
    row++;
  }
  src.start = p;
  return row;
}

/** 1 true, 0 false, 2 null. */
function boolByte(c: number): number {
  if (c === 0x54 || c === 0x74 || c === 0x31) return 1;
  if (c === 0x46 || c === 0x66 || c === 0x30) return 0;
  if (c === 0x3f || c === 0x20 || c === 0) return 2;
  throw new VotableError('invalid-data', `Byte ${c} is not a VOTable boolean.`);
}

/** A char cell: its bytes up to the first NUL, stored as they are (UTF-8). */
function putChars(plan: Plan, row: number, buf: Uint8Array, a: number, e: number, isNull: boolean): void {
  let i = a;
  if (!isNull) while (i < e && buf[i] !== 0) i++;
  appendBytes(plan.col, row, buf, a, i);
}

function ucs2String(dv: DataView, p: number, bytes: number): string {
  const n = bytes >> 1;
  let k = 0;
  while (k < n && dv.getUint16(p + 2 * k) !== 0) k++;
  let s = '';
  for (let j = 0; j < k; j += 4096) {
    const units: number[] = [];
    for (let i = j; i < Math.min(k, j + 4096); i++) units.push(dv.getUint16(p + 2 * i));
    s += String.fromCharCode(...units);
  }
  return s;
}

function putUcs2(plan: Plan, row: number, dv: DataView, p: number, bytes: number, isNull: boolean): void {
  appendString(plan.col, row, isNull ? '' : ucs2String(dv, p, bytes));
}

function charPiece(buf: Uint8Array, a: number, e: number): string {
  let i = a;
  while (i < e && buf[i] !== 0) i++;
  return utf8.decode(buf.subarray(a, i));
}

function readArray(plan: Plan, row: number, buf: Uint8Array, dv: DataView, p: number, slices: number, isNull: boolean): void {
  const spec = plan.spec;
  const col = plan.col;
  const base = col.count;
  const type = spec.type;
  const elements = slices * spec.sliceCount;
  const isChar = type === T_CHAR || type === T_UCHAR;
  if (isNull || elements === 0) {
    const perCell = isChar ? elements / spec.charsPerString : elements * spec.perElement;
    const entries = spec.variable ? 0 : fillNullEntries(col, base, perCell);
    col.count = base + entries;
    col.offsets[row + 1] = col.count;
    col.setNull(row);
    return;
  }
  let allNull = true;
  let entries = elements * spec.perElement;
  if (isChar) {
    const w = spec.charsPerString;
    const n = elements / w;
    entries = n;
    col.ensureEntries(base + n);
    const values = col.values as (string | null)[];
    const size = type === T_CHAR ? 1 : 2;
    for (let k = 0; k < n; k++) {
      const a = p + k * w * size;
      const piece = trimPadding(type === T_CHAR ? charPiece(buf, a, a + w) : ucs2String(dv, a, w * 2));
      values[base + k] = piece === '' ? null : piece;
      if (piece !== '') allNull = false;
    }
  } else {
    col.ensureEntries(base + entries);
    const nullNumber = plan.nullNumber;
    const nullFloat = plan.nullFloat;
    switch (type) {
      case T_DOUBLE:
      case T_DCOMPLEX: {
        const v = col.f64;
        for (let k = 0; k < entries; k++) {
          const x = dv.getFloat64(p + 8 * k);
          v[base + k] = x;
          if (x === x && x !== nullFloat) allNull = false;
        }
        break;
      }
      case T_FLOAT:
      case T_FCOMPLEX: {
        const v = col.f32;
        for (let k = 0; k < entries; k++) {
          const x = dv.getFloat32(p + 4 * k);
          v[base + k] = x;
          if (x === x && x !== nullFloat) allNull = false;
        }
        break;
      }
      case T_INT: {
        const v = col.i32;
        for (let k = 0; k < entries; k++) {
          const x = dv.getInt32(p + 4 * k);
          v[base + k] = x;
          if (x !== nullNumber) allNull = false;
        }
        break;
      }
      case T_SHORT: {
        const v = col.i16;
        for (let k = 0; k < entries; k++) {
          const x = dv.getInt16(p + 2 * k);
          v[base + k] = x;
          if (x !== nullNumber) allNull = false;
        }
        break;
      }
      case T_UBYTE: {
        const v = col.u8;
        for (let k = 0; k < entries; k++) {
          const x = buf[p + k]!;
          v[base + k] = x;
          if (x !== nullNumber) allNull = false;
        }
        break;
      }
      case T_LONG: {
        for (let k = 0; k < entries; k++) {
          const hi = dv.getInt32(p + 8 * k);
          const lo = dv.getUint32(p + 8 * k + 4);
          col.hi[2 * (base + k) + HI] = hi;
          col.lo[2 * (base + k) + LO] = lo;
          if (!(plan.hasLongNull && hi === plan.nullHi && lo === plan.nullLo)) allNull = false;
        }
        break;
      }
      case T_BOOLEAN: {
        const v = col.u8;
        for (let k = 0; k < entries; k++) {
          const x = boolByte(buf[p + k]!);
          v[base + k] = x;
          if (x !== 2) allNull = false;
        }
        break;
      }
      case T_BIT: {
        const v = col.u8;
        for (let k = 0; k < entries; k++) v[base + k] = (buf[p + (k >> 3)]! >> (7 - (k & 7))) & 1;
        allNull = false;
        break;
      }
    }
  }
  col.count = base + entries;
  col.offsets[row + 1] = col.count;
  if (allNull) col.setNull(row);
}
