/**
 * Cell writers: one TABLEDATA cell or PARAM value, given as text, into its
 * column (scalars, arrays, strings), with the null model of types.ts. Used
 * by the TABLEDATA decoder, the header (PARAM values) and the binary
 * decoder (null array cells).
 *
 * About 300 lines: the scalar and array writers are the TABLEDATA hot path.
 */

import { K_ARRAY as K_ARRAY_, K_SCALAR as K_SCALAR_, type ColumnBuilder } from './column-builder';
import {
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
} from './field-spec';
import { writeLongNumber as writeLongNumber_, writeLongText as writeLongText_ } from './long-text';
import { appendBytes as appendBytes_, appendString as appendString_, trimPadding as trimPadding_ } from './string-bytes';
import {
  boolFromText as boolFromText_,
  clip as clip_,
  DECIMAL as DECIMAL_,
  floatFromText as floatFromText_,
  intFromText as intFromText_,
  isWs as isWs_,
  latin1 as latin1_,
  parseDecimal as parseDecimal_,
  parseFloatText as parseFloatText_,
} from './text-values';
import { VotableError } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const K_ARRAY = K_ARRAY_;
const K_SCALAR = K_SCALAR_;
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
const writeLongNumber = writeLongNumber_;
const writeLongText = writeLongText_;
const appendBytes = appendBytes_;
const appendString = appendString_;
const trimPadding = trimPadding_;
const boolFromText = boolFromText_;
const clip = clip_;
const DECIMAL = DECIMAL_;
const floatFromText = floatFromText_;
const intFromText = intFromText_;
const isWs = isWs_;
const latin1 = latin1_;
const parseDecimal = parseDecimal_;
const parseFloatText = parseFloatText_;

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

function trimmedRange(s: Uint8Array, a: number, e: number): [number, number] {
  while (a < e && isWs(s[a]!)) a++;
  while (e > a && isWs(s[e - 1]!)) e--;
  return [a, e];
}

/** Stores entry i of a float, double or complex column. */
function putFloat(col: ColumnBuilder, i: number, v: number): void {
  if (col.type === T_DOUBLE || col.type === T_DCOMPLEX) col.f64[i] = v;
  else col.f32[i] = v;
}

/** Stores entry i of an int, short or unsignedByte column. */
function putInt(col: ColumnBuilder, i: number, v: number): void {
  if (col.type === T_INT) col.i32[i] = v;
  else if (col.type === T_SHORT) col.i16[i] = v;
  else col.u8[i] = v;
}

/** Stores a float or double cell, null when NaN or the VALUES null. */
export function putFloatCell(col: ColumnBuilder, row: number, v: number): void {
  putFloat(col, row, v);
  const nullFloat = col.spec.nullFloat;
  if (v !== v || (nullFloat !== undefined && (col.type === T_FLOAT ? Math.fround(v) : v) === nullFloat)) col.setNull(row);
}

/** Writes one scalar cell given as text s[a, e). */
export function setScalarFromText(col: ColumnBuilder, row: number, s: Uint8Array, a: number, e: number): void {
  const spec = col.spec;
  switch (col.type) {
    case T_DOUBLE:
    case T_FLOAT: {
      // The fast path apart: a value merged with the slow path's result would be boxed.
      if (parseDecimal(s, a, e)) putFloatCell(col, row, DECIMAL[0]!);
      else {
        const v = parseFloatText(latin1(s, a, e));
        if (v === null) {
          putFloat(col, row, NaN);
          col.setNull(row);
        } else putFloatCell(col, row, v);
      }
      return;
    }
    case T_INT:
    case T_SHORT:
    case T_UBYTE: {
      const v = intFromText(s, a, e, col.type === T_INT ? 32 : col.type === T_SHORT ? 16 : 8);
      if (v === null) {
        col.setNull(row);
        putInt(col, row, 0);
        return;
      }
      putInt(col, row, v);
      if (v === spec.nullNumber) col.setNull(row);
      return;
    }
    case T_LONG: {
      const isNull = writeLongText(col, row, s, a, e);
      if (isNull === null) {
        writeLongNumber(col, row, 0);
        col.setNull(row);
      } else if (isNull) col.setNull(row);
      return;
    }
    case T_BOOLEAN:
    case T_BIT: {
      const v = boolFromText(s, a, e);
      if (v === null) {
        col.u8[row] = 0;
        col.setNull(row);
      } else col.u8[row] = v ? 1 : 0;
      return;
    }
  }
}

/** Stores an element of a float, double or complex array (NaN for a null one); returns whether it is not null. */
function putFloatEntry(col: ColumnBuilder, idx: number, v: number): boolean {
  const nullFloat = col.spec.nullFloat;
  if (v === v && !(nullFloat !== undefined && (col.type === T_FLOAT ? Math.fround(v) : v) === nullFloat)) {
    putFloat(col, idx, v);
    return true;
  }
  putFloat(col, idx, NaN);
  return false;
}

/** Writes one array cell (numeric, boolean, bit, complex or 2-D char) given as text. */
export function setArrayFromText(col: ColumnBuilder, row: number, s: Uint8Array, a: number, e: number): void {
  const spec = col.spec;
  const type = col.type;
  const base = col.count;
  const perCell = spec.sliceCount * spec.perElement;
  let entries = 0;
  let allNull = true;
  const rawText = type === T_CHAR || type === T_UCHAR ? utf8.decode(s.subarray(a, e)) : '';
  [a, e] = trimmedRange(s, a, e);
  const empty = a === e;

  if (type === T_CHAR || type === T_UCHAR) {
    const values = col.values as (string | null)[];
    const w = spec.charsPerString;
    const text = rawText;
    const n = spec.variable ? Math.ceil(text.length / w) : spec.sliceCount / w;
    const max = spec.maxSlices;
    if ((!spec.variable && text.length > w * n) || (max >= 0 && n > max)) {
      throw new VotableError('invalid-data', `Field '${spec.field.name}': ${text.length} characters for arraysize ${spec.field.arraysize}.`);
    }
    col.ensureEntries(base + n);
    for (let k = 0; k < n; k++) {
      const piece = trimPadding(text.slice(k * w, (k + 1) * w));
      values[base + k] = piece === '' ? null : piece;
      if (piece !== '') allNull = false;
    }
    entries = n;
  } else if (type === T_BIT) {
    const values = col.values as Uint8Array;
    col.ensureEntries(base + (e - a));
    for (let i = a; i < e; i++) {
      const c = s[i]!;
      if (c === 0x30 || c === 0x31) {
        values[base + entries++] = c - 0x30;
        allNull = false;
      } else if (!isWs(c) && c !== 0x2c) {
        throw new VotableError('invalid-data', `'${clip(latin1(s, a, e))}' is not a bit array.`);
      }
    }
  } else {
    let i = a;
    while (i < e) {
      let c = s[i]!;
      while (i < e && (isWs(c) || c === 0x2c)) c = s[++i]!;
      if (i >= e) break;
      const t0 = i;
      while (i < e && !isWs(c) && c !== 0x2c) c = s[++i]!;
      const idx = base + entries;
      if (idx >= col.elemCap) col.ensureEntries(idx + 1);
      switch (type) {
        case T_DOUBLE:
        case T_FLOAT:
        case T_FCOMPLEX:
        case T_DCOMPLEX: {
          if (parseDecimal(s, t0, i)) {
            if (putFloatEntry(col, idx, DECIMAL[0]!)) allNull = false;
          } else if (putFloatEntry(col, idx, floatFromText(s, t0, i)!)) allNull = false;
          break;
        }
        case T_INT:
        case T_SHORT:
        case T_UBYTE: {
          const v = intFromText(s, t0, i, type === T_INT ? 32 : type === T_SHORT ? 16 : 8)!;
          putInt(col, idx, v);
          if (v !== spec.nullNumber) allNull = false;
          break;
        }
        case T_LONG:
          if (!writeLongText(col, idx, s, t0, i)) allNull = false;
          break;
        case T_BOOLEAN: {
          const v = boolFromText(s, t0, i);
          col.u8[idx] = v === null ? 2 : v ? 1 : 0;
          if (v !== null) allNull = false;
          break;
        }
      }
      entries++;
    }
  }

  if (empty) {
    entries = 0;
    allNull = true;
  } else if (type === T_CHAR || type === T_UCHAR) {
    // checked above
  } else if (spec.variable) {
    if (entries % perCell !== 0) {
      throw new VotableError(
        'invalid-data',
        `Field '${spec.field.name}' (arraysize ${spec.field.arraysize}): ${entries} values do not fill whole slices of ${perCell}.`,
      );
    }
    const max = spec.maxSlices;
    if (max >= 0 && entries / perCell > max) {
      throw new VotableError('invalid-data', `Field '${spec.field.name}': more values than arraysize ${spec.field.arraysize} allows.`);
    }
  } else if (entries !== perCell) {
    throw new VotableError(
      'invalid-data',
      `Field '${spec.field.name}' (arraysize ${spec.field.arraysize ?? '1'}): ${entries} values where ${perCell} are expected.`,
    );
  }
  if (!spec.variable && empty) {
    entries = fillNullEntries(col, base, type === T_CHAR || type === T_UCHAR ? spec.sliceCount / spec.charsPerString : perCell);
  }
  col.count = base + entries;
  col.offsets[row + 1] = col.count;
  if (allNull) col.setNull(row);
}

/** Null entries for a fixed-size array cell that is null as a whole. */
export function fillNullEntries(col: ColumnBuilder, base: number, n: number): number {
  col.ensureEntries(base + n);
  const values = col.values;
  if (Array.isArray(values)) values.fill(null, base, base + n);
  else if (values instanceof Float64Array || values instanceof Float32Array) values.fill(NaN, base, base + n);
  else if (values instanceof BigInt64Array) values.fill(0n, base, base + n);
  else if (col.type === T_BOOLEAN) (values as Uint8Array).fill(2, base, base + n);
  else (values as Uint8Array).fill(0, base, base + n);
  return n;
}

/** Writes one cell of any field from text. */
export function setCellFromText(col: ColumnBuilder, row: number, s: Uint8Array, a: number, e: number): void {
  if (col.storage === K_SCALAR) setScalarFromText(col, row, s, a, e);
  else if (col.storage === K_ARRAY) setArrayFromText(col, row, s, a, e);
  else appendBytes(col, row, s, a, e);
}

/** Writes one cell of any field from a string (PARAM values, TD content with entities or CDATA). */
export function setCellFromString(col: ColumnBuilder, row: number, text: string): void {
  if (col.storage !== K_SCALAR && col.storage !== K_ARRAY) appendString(col, row, text);
  else {
    const bytes = utf8Encoder.encode(text);
    setCellFromText(col, row, bytes, 0, bytes.length);
  }
}

/**
 * Stores the cell of `row` as null after its text did not parse as the
 * field's datatype (whatever the failed write left is undone), and counts it.
 */
export function setInvalidCell(col: ColumnBuilder, row: number): void {
  if (col.storage === K_SCALAR) {
    if (col.type === T_LONG) writeLongNumber(col, row, 0);
    else if (col.type === T_FLOAT || col.type === T_DOUBLE) putFloat(col, row, NaN);
    else if (col.type === T_BOOLEAN || col.type === T_BIT) col.u8[row] = 0;
    else putInt(col, row, 0);
  } else if (col.storage === K_ARRAY) {
    const base = col.offsets[row]!;
    if (Array.isArray(col.values)) col.values.length = base;
    const spec = col.spec;
    const entries = spec.variable
      ? 0
      : fillNullEntries(col, base, col.type === T_CHAR || col.type === T_UCHAR ? spec.sliceCount / spec.charsPerString : spec.sliceCount * spec.perElement);
    col.count = base + entries;
    col.offsets[row + 1] = col.count;
  }
  col.setNull(row);
  // A row decoded again (after a stream cut it) is counted once.
  if (row > col.lastInvalidRow) {
    if (col.invalidCells++ === 0) col.firstInvalidRow = row;
    col.lastInvalidRow = row;
  }
}
