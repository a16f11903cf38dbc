/**
 * Column plans of a BINTABLE (FITS 4.0, section 7.3): TFORMn with repeat
 * counts, TTYPE, TUNIT, TNULL, TSCAL/TZERO, TDIM, and the variable-length
 * array descriptors P and Q, mapped onto VOTable fields so that the cells
 * follow the VOTable decoder's value model:
 *
 *   L boolean, X bit, B unsignedByte, I short, J int, K long, A char,
 *   E float, D double, C floatComplex, M doubleComplex;
 *   B with TZERO -128 (signed byte) -> short, I with TZERO 32768 -> int,
 *   J with TZERO 2^31 -> long, K with TZERO 2^63 -> long (exact; beyond
 *   2^63 - 1 the column is read as decimal text), any other scaling ->
 *   double (physical = TZERO + TSCAL * stored). A repeat count or TDIM
 *   makes an array; rA is a string, rA with a 2-D TDIM an array of strings.
 */

import { VotableError, type VoDatatype, type VoField } from '../votable/types';
import { intValue, realValue, stringValue, type FitsHeader } from './header';

export type TypeCode = 'L' | 'X' | 'B' | 'I' | 'J' | 'K' | 'A' | 'E' | 'D' | 'C' | 'M';

/** How stored numbers become values: as they are, shifted exactly (unsigned, signed bytes), or scaled to double. */
export type Mode = 'raw' | 'offset' | 'scaled';

export interface ColumnPlan {
  field: VoField;
  code: TypeCode;
  /** Elements per row (bits for X); for P/Q, the declared maximum or -1. */
  repeat: number;
  /** Byte offset in the row and bytes in the row. */
  offset: number;
  width: number;
  /** Bytes from one row's cell to the next: the row length (NAXIS1), or the cell's width in a column-oriented file. */
  stride: number;
  /** Variable-length array descriptor kind, or null for data in the row. */
  heap: 'P' | 'Q' | null;
  mode: Mode;
  scale: number;
  zero: number;
  /** The stored value that means null (integer codes), as TNULL gives it. */
  tnull: bigint | undefined;
  /** Fixed dimensions from TDIM, fastest first (for A: characters first). */
  dims: number[];
}

/** Bytes per element in the row or heap (X: per 8 bits, see elementBytes). */
export const ELEMENT_BYTES: Record<TypeCode, number> = { L: 1, X: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16 };

/** Bytes taken by `n` elements of a code. */
export function elementBytes(code: TypeCode, n: number): number {
  return code === 'X' ? Math.ceil(n / 8) : n * ELEMENT_BYTES[code];
}

/** The FITS standard allows at most 999 columns. */
const MAX_FIELDS = 999;

const TWO63 = 2n ** 63n;

interface Tform {
  repeat: number;
  code: TypeCode;
  heap: 'P' | 'Q' | null;
  max: number;
}

export function parseTform(text: string, column: number): Tform {
  const m = /^\s*(\d*)\s*([LXBIJKAEDCMPQ])\s*([LXBIJKAEDCM])?\s*(?:\(\s*(\d+)\s*\))?/i.exec(text);
  if (!m) throw new VotableError('not-supported', `The FITS column ${column} has the format '${text}', which a BINTABLE does not define.`);
  const repeat = m[1] ? Number(m[1]) : 1;
  const letter = m[2]!.toUpperCase();
  if (!Number.isSafeInteger(repeat)) throw new VotableError('too-large', `The FITS column ${column} has the repeat count ${m[1]}.`);
  if (letter === 'P' || letter === 'Q') {
    if (!m[3]) throw new VotableError('malformed', `The FITS column ${column} has the format '${text}' without an element type.`);
    if (repeat > 1) throw new VotableError('not-supported', `The FITS column ${column} has ${repeat} array descriptors in one cell ('${text}').`);
    return { repeat: repeat === 0 ? 0 : 1, code: m[3].toUpperCase() as TypeCode, heap: letter, max: m[4] ? Number(m[4]) : -1 };
  }
  return { repeat, code: letter as TypeCode, heap: null, max: -1 };
}

/** TDIM '(a,b,c)' as [a, b, c], or null when absent or not a list of positive integers. */
export function parseTdim(text: string | undefined): number[] | null {
  if (text === undefined) return null;
  const m = /^\s*\(([\d\s,]+)\)\s*$/.exec(text);
  if (!m) return null;
  const dims = m[1]!.split(',').map((d) => Number(d.trim()));
  return dims.every((d) => Number.isSafeInteger(d) && d > 0) ? dims : null;
}

function integerOf(header: FitsHeader, keyword: string): bigint | undefined {
  const v = header.values.get(keyword);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

function outputType(code: TypeCode, mode: Mode): VoDatatype {
  if (mode === 'scaled') return 'double';
  switch (code) {
    case 'L':
      return 'boolean';
    case 'X':
      return 'bit';
    case 'B':
      return mode === 'offset' ? 'short' : 'unsignedByte';
    case 'I':
      return mode === 'offset' ? 'int' : 'short';
    case 'J':
      return mode === 'offset' ? 'long' : 'int';
    case 'K':
      return 'long';
    case 'A':
      return 'char';
    case 'E':
      return 'float';
    case 'D':
      return 'double';
    case 'C':
      return 'floatComplex';
    case 'M':
      return 'doubleComplex';
  }
}

/** The exact shift TZERO makes for a code (unsigned integers, signed bytes), or null. */
function exactShift(code: TypeCode, zero: bigint | undefined): boolean {
  if (zero === undefined) return false;
  return (code === 'B' && zero === -128n) || (code === 'I' && zero === 32768n) || (code === 'J' && zero === 2147483648n) || (code === 'K' && zero === TWO63);
}

/** The physical value of a stored integer null, as text (for VoField.nullValue). */
function physicalNull(code: TypeCode, mode: Mode, tnull: bigint): string {
  if (mode !== 'offset') return tnull.toString();
  const zero = code === 'B' ? -128n : code === 'I' ? 32768n : code === 'J' ? 2147483648n : TWO63;
  // Stored values are read signed (B unsigned); the shift makes them physical.
  const bits = code === 'B' ? 8 : code === 'I' ? 16 : code === 'J' ? 32 : 64;
  const stored = code === 'B' ? BigInt.asUintN(8, tnull) : BigInt.asIntN(bits, tnull);
  return (stored + zero).toString();
}

/** A column's shape and arraysize from its repeat count and TDIM (`dims`: the TDIM used, or none). */
function layoutOf(code: TypeCode, repeat: number, tdim: number[], heap: 'P' | 'Q' | null, max: number): { shape: number[]; arraysize?: string; dims: number[] } {
  if (heap) return { shape: [-1], arraysize: max >= 0 ? `${max}*` : '*', dims: [] };
  const product = tdim.reduce((a, b) => a * b, 1);
  const dims = tdim.length > (code === 'A' ? 1 : 0) && product === repeat ? tdim : [];
  if (dims.length > 0 && !(dims.length === 1 && dims[0] === 1 && code !== 'A')) return { shape: dims, arraysize: dims.join('x'), dims };
  if (repeat === 1 && code !== 'A') return { shape: [], dims };
  return { shape: [repeat], arraysize: String(repeat), dims };
}

/**
 * The plans of STIL's column-oriented FITS (colfits): one row whose cells
 * hold whole columns, the last TDIM dimension counting the rows. Each
 * column's cells then follow one another at the width of one cell.
 */
export function columnOriented(plans: ColumnPlan[]): { plans: ColumnPlan[]; rows: number } | null {
  const rows = plans[0]?.dims.at(-1);
  if (rows === undefined || plans.some((p) => p.heap || p.dims.length < 2 || p.dims.at(-1) !== rows)) return null;
  return {
    rows,
    plans: plans.map((p) => {
      const repeat = p.repeat / rows;
      const layout = layoutOf(p.code, repeat, p.dims.slice(0, -1), null, -1);
      const field: VoField = { ...p.field, shape: layout.shape };
      if (layout.arraysize !== undefined) field.arraysize = layout.arraysize;
      else delete field.arraysize;
      return { ...p, field, repeat, width: p.width / rows, stride: p.width / rows, dims: layout.dims };
    }),
  };
}

/** The column plans of a BINTABLE header; their widths must add up to NAXIS1. */
export function columnPlans(header: FitsHeader, rowWidth: number): ColumnPlan[] {
  const count = intValue(header, 'TFIELDS');
  if (count < 0 || count > MAX_FIELDS) throw new VotableError('malformed', `The FITS table declares ${count} columns (TFIELDS); at most ${MAX_FIELDS} are allowed.`);
  const plans: ColumnPlan[] = [];
  let offset = 0;
  for (let i = 1; i <= count; i++) {
    const tformText = stringValue(header, `TFORM${i}`);
    if (tformText === undefined) throw new VotableError('malformed', `The FITS column ${i} has no TFORM${i}.`);
    const tform = parseTform(tformText, i);
    const { code, heap } = tform;
    const width = heap === 'P' ? 8 * tform.repeat : heap === 'Q' ? 16 * tform.repeat : elementBytes(code, tform.repeat);
    const tnull = code === 'B' || code === 'I' || code === 'J' || code === 'K' ? integerOf(header, `TNULL${i}`) : undefined;
    const scale = realValue(header, `TSCAL${i}`, 1);
    const zeroExact = integerOf(header, `TZERO${i}`);
    const zero = realValue(header, `TZERO${i}`, 0);
    const numeric = code !== 'L' && code !== 'X' && code !== 'A' && code !== 'C' && code !== 'M';
    let mode: Mode = 'raw';
    if (numeric && scale === 1 && exactShift(code, zeroExact)) mode = 'offset';
    else if (numeric && (scale !== 1 || zero !== 0)) mode = 'scaled';
    const datatype = outputType(code, mode);

    const dims = heap ? [] : (parseTdim(stringValue(header, `TDIM${i}`)) ?? []);
    const layout = layoutOf(code, tform.repeat, dims, heap, tform.max);
    const { shape, arraysize } = layout;
    const name = stringValue(header, `TTYPE${i}`)?.trim();
    const field: VoField = { name: name !== undefined && name !== '' ? name : `col${i}`, datatype, shape, links: [] };
    if (arraysize !== undefined && tform.repeat > 0) field.arraysize = arraysize;
    if (tform.repeat === 0) {
      // A column without data (repeat 0): shown as empty text.
      field.datatype = 'char';
      field.shape = [];
    }
    const unit = stringValue(header, `TUNIT${i}`)?.trim();
    if (unit) field.unit = unit;
    const ucd = stringValue(header, `TUCD${i}`)?.trim();
    if (ucd) field.ucd = ucd;
    const utype = stringValue(header, `TUTYP${i}`)?.trim();
    if (utype) field.utype = utype;
    const description = stringValue(header, `TCOMM${i}`)?.trim() || header.comments.get(`TTYPE${i}`)?.trim();
    if (description && !/^label for (column|field) \d+$/i.test(description)) field.description = description;
    if (tnull !== undefined && mode !== 'scaled') field.nullValue = physicalNull(code, mode, tnull);

    plans.push({ field, code, repeat: heap ? tform.max : tform.repeat, offset, width, stride: rowWidth, heap, mode, scale, zero, tnull, dims: layout.dims });
    offset += width;
  }
  if (offset !== rowWidth) {
    throw new VotableError('invalid-data', `The FITS table's columns take ${offset} bytes per row, but its rows are ${rowWidth} bytes long (NAXIS1).`);
  }
  return plans;
}
