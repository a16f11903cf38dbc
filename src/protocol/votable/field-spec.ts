/**
 * Decoding plan of one FIELD: datatype code, shape and null handling, shared
 * by the TABLEDATA and binary decoders.
 */

import { integerValue } from './text-values';
import { VotableError, type VoDatatype, type VoField } from './types';

export const T_BOOLEAN = 0;
export const T_BIT = 1;
export const T_UBYTE = 2;
export const T_SHORT = 3;
export const T_INT = 4;
export const T_LONG = 5;
export const T_CHAR = 6;
export const T_UCHAR = 7;
export const T_FLOAT = 8;
export const T_DOUBLE = 9;
export const T_FCOMPLEX = 10;
export const T_DCOMPLEX = 11;

const CODES: Record<VoDatatype, number> = {
  boolean: T_BOOLEAN,
  bit: T_BIT,
  unsignedByte: T_UBYTE,
  short: T_SHORT,
  int: T_INT,
  long: T_LONG,
  char: T_CHAR,
  unicodeChar: T_UCHAR,
  float: T_FLOAT,
  double: T_DOUBLE,
  floatComplex: T_FCOMPLEX,
  doubleComplex: T_DCOMPLEX,
};

/** Bytes per stored number in BINARY (complex: per part; bit: 0, packed separately). */
export const ELEMENT_BYTES = [1, 0, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8];

/** Upper bound on the elements of one fixed-size cell. */
export const MAX_CELL_ELEMENTS = 1 << 26;

export function datatypeCode(datatype: string): number {
  const code = (CODES as Record<string, number | undefined>)[datatype];
  if (code === undefined) throw new VotableError('not-supported', `Unknown VOTable datatype '${datatype}'.`);
  return code;
}

export function isDatatype(datatype: string): datatype is VoDatatype {
  return Object.prototype.hasOwnProperty.call(CODES, datatype);
}

/**
 * Parses an arraysize attribute into dimensions, fastest first; a variable
 * last dimension is -1 and its bound (n in "n*") is returned separately.
 */
export function parseArraysize(arraysize: string | undefined, fieldName: string): { shape: number[]; maxLast: number } {
  if (arraysize === undefined) return { shape: [], maxLast: -1 };
  const text = arraysize.trim();
  if (text === '') return { shape: [], maxLast: -1 };
  const parts = text.split('x');
  const shape: number[] = [];
  let maxLast = -1;
  let product = 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.trim();
    const last = i === parts.length - 1;
    const m = /^(\d*)(\*?)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '') || (!last && m[2] === '*')) {
      throw new VotableError('invalid-data', `Invalid arraysize '${arraysize}' of field '${fieldName}'.`);
    }
    if (m[2] === '*') {
      shape.push(-1);
      if (m[1] !== '') maxLast = Number(m[1]);
    } else {
      const d = Number(m[1]);
      if (!Number.isSafeInteger(d) || d < 1) {
        throw new VotableError('invalid-data', `Invalid arraysize '${arraysize}' of field '${fieldName}'.`);
      }
      product *= d;
      if (product > MAX_CELL_ELEMENTS) {
        throw new VotableError('too-large', `arraysize '${arraysize}' of field '${fieldName}' is beyond the decoder's limit.`);
      }
      shape.push(d);
    }
  }
  return { shape, maxLast };
}

/** How cells of a field are stored and returned. */
export const K_SCALAR = 0; // one number/boolean per row
export const K_STRING = 1; // one string per row (char/unicodeChar scalars and 1-D arrays)
export const K_ARRAY = 2; // flat elements + offsets (arrays, complex scalars, 2-D+ char)

export interface FieldSpec {
  field: VoField;
  index: number;
  type: number;
  storage: number;
  /** Element count of a fixed cell, or of one slice when variable (binary units). */
  sliceCount: number;
  variable: boolean;
  /** The bound n of a variable last dimension written "n*"; -1 when there is none. */
  maxSlices: number;
  /** For char arrays stored as strings per slice: characters per string. */
  charsPerString: number;
  /** Numbers stored per element: 2 for complex, 1 otherwise. */
  perElement: number;
  /** Integer null value (for int types), as number (ubyte/short/int) or bigint (long). */
  nullNumber: number | undefined;
  nullBigint: bigint | undefined;
  nullText: string | undefined;
  /** Float VALUES null (non-standard but seen): values equal to it are null. */
  nullFloat: number | undefined;
  /** long VALUES null as signed high and unsigned low 32-bit words. */
  hasLongNull: boolean;
  nullHi: number;
  nullLo: number;
  /** UTF-8 bytes of a non-empty VALUES null (compared with string cells). */
  nullBytes: Uint8Array | null;
}

const INT_BITS = [0, 0, 8, 16, 32, 64];

export function makeFieldSpec(field: VoField, index: number): FieldSpec {
  const type = datatypeCode(field.datatype);
  const shape = field.shape;
  const isChar = type === T_CHAR || type === T_UCHAR;
  const isComplex = type === T_FCOMPLEX || type === T_DCOMPLEX;
  const variable = shape.length > 0 && shape[shape.length - 1] === -1;
  let sliceCount = 1;
  for (let i = 0; i < shape.length - (variable ? 1 : 0); i++) sliceCount *= shape[i]!;
  let storage: number;
  let charsPerString = 0;
  if (isChar) {
    if (shape.length <= 1) storage = K_STRING;
    else {
      storage = K_ARRAY;
      charsPerString = shape[0]!;
    }
  } else if (shape.length === 0 && !isComplex) storage = K_SCALAR;
  else storage = K_ARRAY;

  const spec: FieldSpec = {
    field,
    index,
    type,
    storage,
    sliceCount,
    variable,
    maxSlices: variable ? parseArraysize(field.arraysize, field.name).maxLast : -1,
    charsPerString,
    perElement: isComplex ? 2 : 1,
    nullNumber: undefined,
    nullBigint: undefined,
    nullText: undefined,
    nullFloat: undefined,
    hasLongNull: false,
    nullHi: 0,
    nullLo: 0,
    nullBytes: null,
  };
  const nv = field.nullValue;
  if (nv !== undefined) {
    spec.nullText = nv;
    if (nv !== '') spec.nullBytes = new TextEncoder().encode(nv);
    if (type >= T_UBYTE && type <= T_LONG) {
      const big = integerValue(nv.trim());
      if (big !== undefined) {
        const bits = INT_BITS[type]!;
        // Accept the value both as signed and (for short/int/long) as its unsigned bit pattern.
        let v = big;
        if (type === T_UBYTE) v = BigInt.asUintN(8, v);
        else if (v >= 0n && v >= 1n << BigInt(bits - 1) && v < 1n << BigInt(bits)) v = BigInt.asIntN(bits, v);
        spec.nullBigint = v;
        if (type !== T_LONG || (v >= -(2n ** 53n) && v <= 2n ** 53n)) spec.nullNumber = Number(v);
        if (type === T_LONG) {
          const u = BigInt.asUintN(64, v);
          spec.hasLongNull = true;
          spec.nullHi = Number(BigInt.asIntN(32, u >> 32n));
          spec.nullLo = Number(u & 0xffffffffn);
        }
      }
    } else if (type === T_FLOAT || type === T_DOUBLE || isComplex) {
      const f = Number(nv.trim());
      if (nv.trim() !== '' && Number.isFinite(f)) spec.nullFloat = type === T_FLOAT || type === T_FCOMPLEX ? Math.fround(f) : f;
    }
  }
  return spec;
}
