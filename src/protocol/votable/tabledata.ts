/**
 * TABLEDATA decoder: scans the TR/TD markup in the document's UTF-8 bytes
 * (no DOM, no text copy) and writes each cell straight into its column.
 * Numbers are parsed from the bytes; string cells are copied as bytes.
 */

import {
  HI as HI_,
  K_ARRAY as K_ARRAY_,
  K_SCALAR as K_SCALAR_,
  LO as LO_,
  type ColumnBuilder,
} from './column-builder';
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
import {
  boolFromText as boolFromText_,
  checkIntRange as checkIntRange_,
  clip as clip_,
  DECIMAL as DECIMAL_,
  floatFromText as floatFromText_,
  intFromText as intFromText_,
  isWs as isWs_,
  latin1 as latin1_,
  parseBigIntText as parseBigIntText_,
  parseDecimal as parseDecimal_,
  parseFloatText as parseFloatText_,
  scanDecimal as scanDecimal_,
} from './text-values';
import { appendBytes as appendBytes_, appendString as appendString_, trimPadding as trimPadding_ } from './string-bytes';
import { decodeEntities as decodeEntities_, indexOfAscii as indexOfAscii_, startsWithAscii as startsWithAscii_ } from './xml-scan';
import { VotableError } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const HI = HI_;
const K_ARRAY = K_ARRAY_;
const K_SCALAR = K_SCALAR_;
const LO = LO_;
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
const boolFromText = boolFromText_;
const checkIntRange = checkIntRange_;
const clip = clip_;
const DECIMAL = DECIMAL_;
const floatFromText = floatFromText_;
const intFromText = intFromText_;
const isWs = isWs_;
const latin1 = latin1_;
const parseBigIntText = parseBigIntText_;
const parseDecimal = parseDecimal_;
const parseFloatText = parseFloatText_;
const scanDecimal = scanDecimal_;
const decodeEntities = decodeEntities_;
const indexOfAscii = indexOfAscii_;
const startsWithAscii = startsWithAscii_;
const appendBytes = appendBytes_;
const appendString = appendString_;
const trimPadding = trimPadding_;

const TWO32 = 4294967296;
/** 10^0 .. 10^9 (a table: `10 ** n` is a call to pow). */
const POW10 = new Float64Array([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

function trimmedRange(s: Uint8Array, a: number, e: number): [number, number] {
  while (a < e && isWs(s[a]!)) a++;
  while (e > a && isWs(s[e - 1]!)) e--;
  return [a, e];
}

function writeLongNumber(col: ColumnBuilder, idx: number, n: number): void {
  const hi = Math.floor(n / TWO32);
  col.hi[2 * idx + HI] = hi;
  col.lo[2 * idx + LO] = n - hi * TWO32;
}

/**
 * Writes the integer a * 10^9 + b (a < 10^10, b < 10^9), negated if asked,
 * as int64 words without BigInt. Returns false when it is out of range.
 */
function writeLongParts(col: ColumnBuilder, idx: number, a: number, b: number, neg: boolean): boolean {
  const a1 = Math.floor(a / 65536);
  const a0 = a - a1 * 65536;
  const x = a0 * 1e9 + b; // < 2^47
  const y = a1 * 1e9; // < 2^48
  const yh = Math.floor(y / 65536);
  const z = (y - yh * 65536) * 65536 + x; // < 2^48
  const zh = Math.floor(z / TWO32);
  let hi = yh + zh;
  let lo = z - zh * TWO32;
  if (neg) {
    if (hi > 2147483648 || (hi === 2147483648 && lo > 0)) return false;
    if (lo === 0) hi = TWO32 - hi;
    else {
      lo = TWO32 - lo;
      hi = TWO32 - 1 - hi;
    }
  } else if (hi >= 2147483648) return false;
  col.hi[2 * idx + HI] = hi | 0;
  col.lo[2 * idx + LO] = lo;
  return true;
}

function isLongNull(col: ColumnBuilder, idx: number): boolean {
  const spec = col.spec;
  return spec.hasLongNull && col.hi[2 * idx + HI] === spec.nullHi && col.lo[2 * idx + LO] === spec.nullLo;
}

/** Parses long text; writes it at entry idx; returns whether it is the null value (null for empty text). */
function writeLongText(col: ColumnBuilder, idx: number, s: Uint8Array, a: number, e: number): boolean | null {
  let i = a;
  let neg = false;
  if (s[i]! === 0x2d) {
    neg = true;
    i++;
  }
  const start = i;
  let v = 0;
  let w = 0;
  while (i < e) {
    const c = s[i]! - 0x30;
    if (c < 0 || c > 9) break;
    if (i - start < 10) v = v * 10 + c;
    else w = w * 10 + c;
    i++;
  }
  const digits = i - start;
  if (i === e && digits > 0 && digits <= 19) {
    if (digits <= 10) writeLongNumber(col, idx, neg ? -v : v);
    else {
      // v holds the first 10 digits, w the other `rest`: value = v * 10^rest + w = a0 * 10^9 + b0.
      const rest = digits - 10;
      const q = POW10[9 - rest]!;
      const a0 = Math.floor(v / q);
      const b0 = (v - a0 * q) * POW10[rest]! + w;
      if (!writeLongParts(col, idx, a0, b0, neg)) throw new VotableError('invalid-data', `${latin1(s, a, e)} is out of range for long.`);
    }
    return isLongNull(col, idx);
  }
  const text = latin1(s, a, e);
  const big0 = parseBigIntText(text);
  if (big0 === null) return null;
  const big = checkIntRange(big0, 64, /0[xX]/.test(text));
  (col.values as BigInt64Array)[idx] = big;
  return isLongNull(col, idx);
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
function putFloatCell(col: ColumnBuilder, row: number, v: number): void {
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

export interface TabledataContext {
  /** Called now and then with the byte position reached and the rows so far. */
  progress?: (bytes: number, rows: number) => void;
  /** Expected total rows given the rows decoded up to a byte position. */
  estimateRows?: (rows: number, bytes: number) => number;
  /** Rows with more TDs than fields (the extra TDs are skipped). */
  onExtraCells?: (row: number) => void;
  /** Rows with fewer TDs than fields (the missing cells are null). */
  onMissingCells?: (row: number) => void;
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
  if (col.invalidCells++ === 0) col.firstInvalidRow = row;
}

/** Whether an error is about the value of one cell (then the cell is null, not the table refused). */
function isCellError(err: unknown): boolean {
  return err instanceof VotableError && err.code === 'invalid-data';
}

/** XML line-end normalization: CR LF and lone CR are read as LF. */
export function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

function truncated(): VotableError {
  return new VotableError('malformed', 'Truncated document inside TABLEDATA.');
}

/** Local name of the tag whose name starts at i; returns [name, end index]. */
function tagName(b: Uint8Array, i: number): [string, number] {
  const n = b.length;
  let j = i;
  let ls = i;
  for (; j < n; j++) {
    const c = b[j]!;
    if (c === 0x3e || c === 0x2f || isWs(c)) break;
    if (c === 0x3a) ls = j + 1;
  }
  if (j >= n) throw truncated();
  return [latin1(b, ls, j), j];
}

/** For '<' at i - 1: 1 for '<XY>', 2 for '<XY/', 3 for '<XY ' (attributes follow), 0 otherwise. */
function isSimpleTag(b: Uint8Array, i: number, c0: number, c1: number): number {
  if (b[i] !== c0 || b[i + 1] !== c1) return 0;
  const c = b[i + 2]!;
  if (c === 0x3e) return 1;
  if (c === 0x2f) return 2;
  if (isWs(c)) return 3;
  return 0;
}

const C_T = 0x54;
const C_R = 0x52;
const C_D = 0x44;

/**
 * Decodes TABLEDATA content starting at byte `start` of a UTF-8 document;
 * returns the row count and the byte position of the TABLEDATA end tag.
 */
export function decodeTabledata(b: Uint8Array, start: number, cols: ColumnBuilder[], ctx: TabledataContext): { rows: number; end: number } {
  const n = b.length;
  const nf = cols.length;
  let row = 0;
  let i = start;
  let cap = nf === 0 ? Number.MAX_SAFE_INTEGER : cols[0]!.rowCap;
  // Float and double cells are parsed straight from the text, their end tag checked after.
  const decimal = new Uint8Array(nf);
  for (let k = 0; k < nf; k++) decimal[k] = cols[k]!.storage === K_SCALAR && (cols[k]!.type === T_DOUBLE || cols[k]!.type === T_FLOAT) ? 1 : 0;
  for (;;) {
    let c = b[i]!;
    while (isWs(c)) c = b[++i]!;
    if (i >= n) throw truncated();
    if (c !== 0x3c) throw new VotableError('malformed', `Unexpected text '${clip(latin1(b, i, i + 20))}' between TABLEDATA rows.`);
    let c1 = b[i + 1];
    if (c1 === 0x21) {
      i = skipComment(b, i);
      continue;
    }
    if (c1 === 0x2f) {
      const [name] = tagName(b, i + 2);
      if (name !== 'TABLEDATA') throw new VotableError('malformed', `Unexpected end tag '${name}' in TABLEDATA.`);
      return { rows: row, end: i };
    }
    // <TR ...>
    let kind = isSimpleTag(b, i + 1, C_T, C_R);
    let emptyRow = false;
    if (kind === 1) i += 4;
    else {
      const [name, j] = tagName(b, i + 1);
      if (name !== 'TR') throw new VotableError('malformed', `Unexpected <${name}> in TABLEDATA (expected TR).`);
      const gt = b.indexOf(0x3e, j);
      if (gt < 0) throw truncated();
      emptyRow = b[gt - 1] === 0x2f;
      i = gt + 1;
    }
    if (row >= cap) {
      const estimate = Math.max(Math.ceil(row * 1.25) + 1024, ctx.estimateRows?.(row, i) ?? 0);
      for (const col of cols) col.growRows(estimate);
      cap = cols[0]!.rowCap;
    }
    let col = 0;
    if (!emptyRow) {
      for (;;) {
        c = b[i]!;
        while (isWs(c)) c = b[++i]!;
        if (i >= n) throw truncated();
        if (c !== 0x3c) throw new VotableError('malformed', `Unexpected text '${clip(latin1(b, i, i + 20))}' in a TABLEDATA row.`);
        c1 = b[i + 1];
        if (c1 === 0x21) {
          i = skipComment(b, i);
          continue;
        }
        if (c1 === 0x2f) {
          if (b[i + 2] === C_T && b[i + 3] === C_R && b[i + 4] === 0x3e) i += 5;
          else {
            const [name, j] = tagName(b, i + 2);
            if (name !== 'TR') throw new VotableError('malformed', `Unexpected end tag '${name}' in a TABLEDATA row.`);
            const gt = b.indexOf(0x3e, j);
            if (gt < 0) throw truncated();
            i = gt + 1;
          }
          break;
        }
        kind = isSimpleTag(b, i + 1, C_T, C_D);
        let emptyCell = false;
        if (kind === 1) i += 4;
        else if (kind === 2 && b[i + 4] === 0x3e) {
          i += 5;
          emptyCell = true;
        } else {
          const [name, j] = tagName(b, i + 1);
          if (name !== 'TD') throw new VotableError('malformed', `Unexpected <${name}> in a TABLEDATA row (expected TD).`);
          const gt = b.indexOf(0x3e, j);
          if (gt < 0) throw truncated();
          if (/\bencoding\s*=/.test(latin1(b, j, gt))) {
            throw new VotableError('not-supported', 'TD elements with an encoding attribute are not supported.');
          }
          emptyCell = b[gt - 1] === 0x2f;
          i = gt + 1;
        }
        if (col >= nf) {
          // More TDs than fields: skip the cell.
          if (col === nf) ctx.onExtraCells?.(row);
          if (!emptyCell) i = complexContent(b, i).next;
          col++;
          continue;
        }
        const builder = cols[col]!;
        const a = i;
        const stop = emptyCell || decimal[col] === 0 ? -1 : scanDecimal(b, a);
        try {
          if (emptyCell) {
            setCellFromText(builder, row, b, i, i);
          } else if (stop >= 0 && b[stop] === 0x3c && b[stop + 1] === 0x2f && b[stop + 2] === C_T && b[stop + 3] === C_D && b[stop + 4] === 0x3e) {
            putFloatCell(builder, row, DECIMAL[0]!);
            i = stop + 5;
          } else {
            // The content up to the first '<', '&' or CR (cells are short: a loop beats indexOf).
            let lt = i;
            let ch = 0;
            while (lt < n && (ch = b[lt]!) !== 0x3c && ch !== 0x26 && ch !== 0x0d) lt++;
            const slow = ch === 0x26 || ch === 0x0d;
            if (slow) lt = b.indexOf(0x3c, lt);
            if (lt < 0 || lt >= n) throw truncated();
            if (b[lt + 1] === 0x2f && b[lt + 2] === C_T && b[lt + 3] === C_D && b[lt + 4] === 0x3e) {
              i = lt + 5;
              if (slow) setCellFromString(builder, row, decodeEntities(normalizeLineEnds(utf8.decode(b.subarray(a, lt)))));
              else if (builder.storage === K_SCALAR) setScalarFromText(builder, row, b, a, lt);
              else if (builder.storage === K_ARRAY) setArrayFromText(builder, row, b, a, lt);
              else appendBytes(builder, row, b, a, lt);
            } else {
              const r = complexContent(b, a);
              i = r.next;
              setCellFromString(builder, row, r.text);
            }
          }
        } catch (err) {
          if (!isCellError(err)) throw err;
          setInvalidCell(builder, row);
        }
        col++;
      }
    }
    if (col < nf) {
      ctx.onMissingCells?.(row);
      for (let k = col; k < nf; k++) setCellFromText(cols[k]!, row, b, i, i);
    }
    row++;
    // From row 16 on (a first call from the optimized loop would deoptimize it).
    if ((row & 0x3ff) === 16 && ctx.progress) ctx.progress(i, row);
  }
}

function skipComment(b: Uint8Array, i: number): number {
  if (startsWithAscii(b, i, '<!--')) {
    const end = indexOfAscii(b, '-->', i + 4);
    if (end < 0) throw truncated();
    return end + 3;
  }
  throw new VotableError('malformed', 'Unexpected markup in TABLEDATA.');
}

/** TD content with CDATA sections, comments or a prefixed end tag. */
function complexContent(b: Uint8Array, i: number): { text: string; next: number } {
  const parts: string[] = [];
  for (;;) {
    const lt = b.indexOf(0x3c, i);
    if (lt < 0) throw truncated();
    if (lt > i) parts.push(decodeEntities(normalizeLineEnds(utf8.decode(b.subarray(i, lt)))));
    if (startsWithAscii(b, lt, '<![CDATA[')) {
      const end = indexOfAscii(b, ']]>', lt + 9);
      if (end < 0) throw truncated();
      parts.push(normalizeLineEnds(utf8.decode(b.subarray(lt + 9, end))));
      i = end + 3;
      continue;
    }
    if (startsWithAscii(b, lt, '<!--')) {
      i = skipComment(b, lt);
      continue;
    }
    if (b[lt + 1] === 0x2f) {
      const [name, j] = tagName(b, lt + 2);
      if (name !== 'TD') throw new VotableError('malformed', `Unexpected end tag '${name}' in a TD.`);
      const gt = b.indexOf(0x3e, j);
      if (gt < 0) throw truncated();
      return { text: parts.join(''), next: gt + 1 };
    }
    throw new VotableError('malformed', 'Markup inside a TD.');
  }
}
