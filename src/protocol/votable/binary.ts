/**
 * BINARY and BINARY2 decoder: reads big-endian rows with a DataView straight
 * into the columns. BINARY2 rows start with a null bitmap, one bit per field,
 * most significant bit first.
 */

import { HI, K_ARRAY, K_SCALAR, LO, type ColumnBuilder } from './column-builder';
import type { ByteSource } from './byte-source';
import {
  ELEMENT_BYTES,
  T_BIT,
  T_BOOLEAN,
  T_CHAR,
  T_DCOMPLEX,
  T_DOUBLE,
  T_FCOMPLEX,
  T_FLOAT,
  T_INT,
  T_LONG,
  T_SHORT,
  T_UBYTE,
  T_UCHAR,
  type FieldSpec,
} from './field-spec';
import { fillNullEntries } from './tabledata';
import { VotableError } from './types';

export interface BinaryContext {
  progress?: (inputPosition: number, rows: number) => void;
  /** Row count given by the TABLE's nrows attribute, if any. */
  declaredRows?: number;
}

interface Plan {
  spec: FieldSpec;
  col: ColumnBuilder;
  type: number;
  storage: number;
  variable: boolean;
  /** Bytes of a fixed cell; for variable ones, bytes per slice (bits: bits per slice). */
  bytes: number;
  /** Maximum slice count of a variable cell ("n*"), or -1. */
  maxSlices: number;
  nullHi: number;
  nullLo: number;
  hasIntNull: boolean;
}

const latin1 = new TextDecoder('windows-1252');
const utf8 = new TextDecoder('utf-8');

function cellBytes(spec: FieldSpec): number {
  const elems = spec.sliceCount * spec.perElement;
  if (spec.type === T_BIT) return Math.ceil(spec.sliceCount / 8);
  return elems * ELEMENT_BYTES[spec.type]!;
}

function makePlan(spec: FieldSpec, col: ColumnBuilder): Plan {
  let maxSlices = -1;
  if (spec.variable) {
    const m = /(\d+)\*\s*$/.exec(spec.field.arraysize ?? '');
    if (m) maxSlices = Number(m[1]);
  }
  let nullHi = 0;
  let nullLo = 0;
  const nb = spec.nullBigint;
  if (nb !== undefined && spec.type === T_LONG) {
    const u = BigInt.asUintN(64, nb);
    nullHi = Number(BigInt.asIntN(32, u >> 32n));
    nullLo = Number(u & 0xffffffffn);
  }
  return {
    spec,
    col,
    type: spec.type,
    storage: spec.storage,
    variable: spec.variable,
    bytes: spec.variable && spec.type === T_BIT ? spec.sliceCount : cellBytes(spec),
    maxSlices,
    nullHi,
    nullLo,
    hasIntNull: nb !== undefined,
  };
}

/** Bytes of a variable cell with `count` slices. */
function varBytes(p: Plan, count: number): number {
  return p.type === T_BIT ? Math.ceil((count * p.bytes) / 8) : count * p.bytes;
}

function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Decodes rows until the stream ends; returns the row count. Throws on a
 * truncated stream or a variable-length count that cannot be right.
 */
export function decodeBinaryRows(src: ByteSource, specs: FieldSpec[], cols: ColumnBuilder[], binary2: boolean, ctx: BinaryContext): number {
  const nf = specs.length;
  const plans = specs.map((s, i) => makePlan(s, cols[i]!));
  const flagBytes = binary2 ? (nf + 7) >> 3 : 0;
  let fixedRow = flagBytes;
  let variable = false;
  for (const p of plans) {
    if (p.variable) variable = true;
    else fixedRow += p.bytes;
  }
  if (nf === 0) {
    if (src.refill(1)) throw new VotableError('invalid-data', 'Binary data in a table without fields.');
    return 0;
  }
  if (!variable && fixedRow === 0) return 0;

  // Row estimate for the first allocation: exact for fixed-size rows.
  const minRow = Math.max(1, fixedRow + (variable ? 4 : 0));
  src.refill(1);
  const bound = src.end - src.start + src.remainingBound();
  let estimate = Math.ceil(bound / minRow);
  if (ctx.declaredRows !== undefined && ctx.declaredRows >= 0) estimate = Math.min(estimate, ctx.declaredRows);
  for (const c of cols) c.growRows(Math.max(16, Math.min(estimate, 1 << 27)));
  let cap = cols[0]!.rowCap;

  let row = 0;
  // Short ASCII strings are cut from a window of text decoded at once.
  let textWindow: string | null = null;
  let tStart = 0;
  let tEnd = 0;
  const slicer = (a: number, i: number): string => {
    if (textWindow === null || a < tStart || i > tEnd) {
      tStart = a;
      tEnd = Math.max(i, Math.min(src.end, a + 65536));
      textWindow = latin1.decode(src.buf.subarray(tStart, tEnd));
    }
    return detach(textWindow.slice(a - tStart, i - tStart));
  };

  for (;;) {
    let avail = src.end - src.start;
    if (avail === 0) {
      if (!src.refill(1)) break;
      avail = src.end - src.start;
      textWindow = null;
    }
    // Size of the next row.
    let need = fixedRow;
    if (variable) {
      need = measureRow(src, plans, flagBytes);
      if (need < 0) {
        if (!src.refill(avail + Math.max(64, avail))) {
          if (src.end - src.start === avail) throw truncated(row);
        }
        textWindow = null;
        continue;
      }
    }
    if (need > avail) {
      if (!src.refill(need)) throw truncated(row);
      textWindow = null;
      continue;
    }
    if (row >= cap) {
      const more = Math.ceil(row * 1.25) + 1024;
      for (const c of cols) c.growRows(more);
      cap = cols[0]!.rowCap;
    }
    const buf = src.buf;
    const dv = src.dv;
    const rowStart = src.start;
    let p = rowStart + flagBytes;
    for (let f = 0; f < nf; f++) {
      const plan = plans[f]!;
      const isNull = binary2 && (buf[rowStart + (f >> 3)]! & (0x80 >> (f & 7))) !== 0;
      const col = plan.col;
      if (plan.storage === K_SCALAR) {
        switch (plan.type) {
          case T_DOUBLE: {
            const v = dv.getFloat64(p);
            (col.values as Float64Array)[row] = v;
            if (isNull || v !== v || v === plan.spec.nullFloat) col.setNull(row);
            p += 8;
            break;
          }
          case T_FLOAT: {
            const v = dv.getFloat32(p);
            (col.values as Float32Array)[row] = v;
            if (isNull || v !== v || v === plan.spec.nullFloat) col.setNull(row);
            p += 4;
            break;
          }
          case T_INT: {
            const v = dv.getInt32(p);
            (col.values as Int32Array)[row] = v;
            if (isNull || v === plan.spec.nullNumber) col.setNull(row);
            p += 4;
            break;
          }
          case T_SHORT: {
            const v = dv.getInt16(p);
            (col.values as Int16Array)[row] = v;
            if (isNull || v === plan.spec.nullNumber) col.setNull(row);
            p += 2;
            break;
          }
          case T_UBYTE: {
            const v = buf[p]!;
            (col.values as Uint8Array)[row] = v;
            if (isNull || v === plan.spec.nullNumber) col.setNull(row);
            p += 1;
            break;
          }
          case T_LONG: {
            const hi = dv.getInt32(p);
            const lo = dv.getUint32(p + 4);
            col.hi[2 * row + HI] = hi;
            col.lo[2 * row + LO] = lo;
            if (isNull || (plan.hasIntNull && hi === plan.nullHi && lo === plan.nullLo)) col.setNull(row);
            p += 8;
            break;
          }
          case T_BOOLEAN: {
            const v = boolByte(buf[p]!);
            (col.values as Uint8Array)[row] = v === 1 ? 1 : 0;
            if (isNull || v === 2) col.setNull(row);
            p += 1;
            break;
          }
          case T_BIT: {
            (col.values as Uint8Array)[row] = buf[p]! >> 7;
            if (isNull) col.setNull(row);
            p += 1;
            break;
          }
        }
        continue;
      }
      // Strings and arrays.
      let slices = 1;
      let bytes = plan.bytes;
      if (plan.variable) {
        slices = dv.getInt32(p);
        p += 4;
        bytes = varBytes(plan, slices);
      }
      if (plan.storage === K_ARRAY) {
        readArray(plan, row, buf, dv, p, slices, isNull);
      } else {
        const values = col.values as (string | null)[];
        if (isNull || bytes === 0) {
          values[row] = null;
          col.setNull(row);
        } else {
          const s = plan.type === T_CHAR ? charString(buf, p, p + bytes, slicer) : ucs2String(dv, p, bytes);
          if (s === '' || s === plan.spec.nullText) {
            values[row] = null;
            col.setNull(row);
          } else values[row] = s;
        }
      }
      p += bytes;
    }
    if (p - rowStart !== need) throw new VotableError('invalid-data', `Row ${row + 1}: inconsistent binary row length.`);
    src.start = p;
    row++;
    if ((row & 0xffff) === 0 && ctx.progress) ctx.progress(src.inputPosition(), row);
  }
  return row;
}

function truncated(row: number): VotableError {
  return new VotableError('malformed', `Truncated binary stream: row ${row + 1} is incomplete.`);
}

/** 1 true, 0 false, 2 null. */
function boolByte(c: number): number {
  if (c === 0x54 || c === 0x74 || c === 0x31) return 1;
  if (c === 0x46 || c === 0x66 || c === 0x30) return 0;
  if (c === 0x3f || c === 0x20 || c === 0) return 2;
  throw new VotableError('invalid-data', `Byte ${c} is not a VOTable boolean.`);
}

/** Bytes of the next row when it is completely in the window, or -1. */
function measureRow(src: ByteSource, plans: Plan[], flagBytes: number): number {
  const dv = src.dv;
  const start = src.start;
  const end = src.end;
  let p = start + flagBytes;
  for (let f = 0; f < plans.length; f++) {
    const plan = plans[f]!;
    if (!plan.variable) {
      p += plan.bytes;
      continue;
    }
    if (p + 4 > end) return -1;
    const count = dv.getInt32(p);
    p += 4;
    if (count < 0) throw new VotableError('invalid-data', `Negative array length ${count} in field '${plan.spec.field.name}'.`);
    if (plan.maxSlices >= 0 && count > plan.maxSlices) {
      throw new VotableError(
        'invalid-data',
        `Array length ${count} of field '${plan.spec.field.name}' exceeds its arraysize ${plan.spec.field.arraysize}.`,
      );
    }
    const bytes = varBytes(plan, count);
    if (p + bytes - end > src.remainingBound()) {
      throw new VotableError(
        'malformed',
        `Array length ${count} of field '${plan.spec.field.name}' goes beyond the end of the stream (truncated or corrupt data).`,
      );
    }
    p += bytes;
  }
  return p > end ? -1 : p - start;
}

function directSlicer(buf: Uint8Array): (a: number, i: number) => string {
  return (a, i) => latin1.decode(buf.subarray(a, i));
}

function charString(buf: Uint8Array, a: number, e: number, slicer: (a: number, i: number) => string): string {
  let i = a;
  let ascii = true;
  for (; i < e; i++) {
    const c = buf[i]!;
    if (c === 0) break;
    if (c >= 0x80) ascii = false;
  }
  if (i === a) return '';
  if (!ascii) return utf8.decode(buf.subarray(a, i));
  if (i - a === 1) return String.fromCharCode(buf[a]!);
  return slicer(a, i);
}

function ucs2String(dv: DataView, p: number, bytes: number): string {
  let s = '';
  const n = bytes >> 1;
  let k = 0;
  for (; k < n; k++) {
    const c = dv.getUint16(p + 2 * k);
    if (c === 0) break;
  }
  const units: number[] = new Array<number>(k);
  for (let j = 0; j < k; j++) units[j] = dv.getUint16(p + 2 * j);
  for (let j = 0; j < k; j += 4096) s += String.fromCharCode(...units.slice(j, j + 4096));
  return s;
}

function trimPadding(t: string): string {
  let e = t.length;
  while (e > 0 && (t.charCodeAt(e - 1) === 0x20 || t.charCodeAt(e - 1) === 0)) e--;
  return e === t.length ? t : t.slice(0, e);
}

function readArray(plan: Plan, row: number, buf: Uint8Array, dv: DataView, p: number, slices: number, isNull: boolean): void {
  const spec = plan.spec;
  const col = plan.col;
  const base = col.count;
  const type = plan.type;
  const elements = slices * spec.sliceCount;
  if (isNull || elements === 0) {
    const perCell = type === T_CHAR || type === T_UCHAR ? elements / spec.charsPerString : elements * spec.perElement;
    const entries = plan.variable ? 0 : fillNullEntries(col, base, perCell);
    col.count = base + entries;
    col.offsets[row + 1] = col.count;
    col.setNull(row);
    return;
  }
  let allNull = true;
  let entries = elements * spec.perElement;
  if (type === T_CHAR || type === T_UCHAR) {
    const w = spec.charsPerString;
    const n = elements / w;
    entries = n;
    col.ensureEntries(base + n);
    const values = col.values as (string | null)[];
    const size = type === T_CHAR ? 1 : 2;
    for (let k = 0; k < n; k++) {
      const a = p + k * w * size;
      const raw = type === T_CHAR ? charString(buf, a, a + w, directSlicer(buf)) : ucs2String(dv, a, w * 2);
      const piece = trimPadding(raw);
      values[base + k] = piece === '' ? null : piece;
      if (piece !== '') allNull = false;
    }
  } else {
    col.ensureEntries(base + entries);
    const nullNumber = spec.nullNumber;
    switch (type) {
      case T_DOUBLE:
      case T_DCOMPLEX: {
        const v = col.values as Float64Array;
        for (let k = 0; k < entries; k++) {
          const x = dv.getFloat64(p + 8 * k);
          v[base + k] = x;
          if (x === x && x !== spec.nullFloat) allNull = false;
        }
        break;
      }
      case T_FLOAT:
      case T_FCOMPLEX: {
        const v = col.values as Float32Array;
        for (let k = 0; k < entries; k++) {
          const x = dv.getFloat32(p + 4 * k);
          v[base + k] = x;
          if (x === x && x !== spec.nullFloat) allNull = false;
        }
        break;
      }
      case T_INT: {
        const v = col.values as Int32Array;
        for (let k = 0; k < entries; k++) {
          const x = dv.getInt32(p + 4 * k);
          v[base + k] = x;
          if (x !== nullNumber) allNull = false;
        }
        break;
      }
      case T_SHORT: {
        const v = col.values as Int16Array;
        for (let k = 0; k < entries; k++) {
          const x = dv.getInt16(p + 2 * k);
          v[base + k] = x;
          if (x !== nullNumber) allNull = false;
        }
        break;
      }
      case T_UBYTE: {
        const v = col.values as Uint8Array;
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
          if (!(plan.hasIntNull && hi === plan.nullHi && lo === plan.nullLo)) allNull = false;
        }
        break;
      }
      case T_BOOLEAN: {
        const v = col.values as Uint8Array;
        for (let k = 0; k < entries; k++) {
          const x = boolByte(buf[p + k]!);
          v[base + k] = x;
          if (x !== 2) allNull = false;
        }
        break;
      }
      case T_BIT: {
        const v = col.values as Uint8Array;
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
