/**
 * Text to value conversions for TABLEDATA cells and PARAM values (given as
 * UTF-8 bytes): exact
 * decimal parsing with Number semantics (a correctly rounded fast path for
 * up to 15 significant digits, Number() beyond), integers with range checks
 * and hexadecimal, booleans in all their spellings.
 */

import { VotableError } from './types';

const POW10: number[] = [];
for (let i = 0, v = 1; i <= 22; i++, v *= 10) POW10.push(v);

// Scratch space for reading the exponent bits of a double.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW_WORD = 1 - HIGH_WORD;
/** HALF_ULP[e] = half the unit in the last place of a normal double with biased exponent e. */
const HALF_ULP = new Float64Array(2047);
for (let e = 1; e < 2047; e++) HALF_ULP[e] = 2 ** (e - 1076);

const SPLIT = 134217729; // 2^27 + 1, Veltkamp splitting
/**
 * Results of the functions below, in a typed array: a double returned or
 * kept in a module variable is boxed (a heap allocation per number parsed).
 */
const OUT = new Float64Array(3);
const PROD_HI = 0;
const PROD_LO = 1;

/**
 * Where `parseDecimal` leaves the value it parsed (read it before the next
 * call). A typed array, so that no number is boxed on the way.
 */
export const DECIMAL = new Float64Array(1);

/** Exact product a * b = OUT[PROD_HI] + OUT[PROD_LO] (Dekker), for |a|, |b| far from overflow. */
function twoProduct(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  OUT[PROD_HI] = p;
  OUT[PROD_LO] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * Correctly rounded value of A * 10^nb + B scaled by 10^scale (A < 10^11,
 * B < 10^nb, nb <= 8, |scale| <= 22), computed in double-double arithmetic,
 * left in DECIMAL[0]; false when the result is too close to a rounding
 * boundary to be sure (about one case in 2^40) or outside the normal range.
 */
function wideDecimal(A: number, nb: number, B: number, scale: number): boolean {
  // M = A * 10^nb + B exactly, as mh + ml.
  twoProduct(A, POW10[nb]!);
  const p = OUT[PROD_HI]!;
  const s = p + B;
  const bb = s - p;
  const lo = OUT[PROD_LO]! + (p - (s - bb)) + (B - bb);
  const mh = s + lo;
  const ml = lo - (mh - s);
  let h: number;
  let l: number;
  if (scale < 0) {
    const d = POW10[-scale]!;
    const q1 = mh / d;
    twoProduct(q1, d);
    const r = mh - OUT[PROD_HI]! - OUT[PROD_LO]! + ml;
    const q2 = r / d;
    h = q1 + q2;
    l = q2 - (h - q1);
  } else {
    const d = POW10[scale]!;
    twoProduct(mh, d);
    const ph = OUT[PROD_HI]!;
    const e = OUT[PROD_LO]! + ml * d;
    h = ph + e;
    l = e - (h - ph);
  }
  F64[0] = h;
  const hw = U32[HIGH_WORD]!;
  const exp = (hw >>> 20) & 0x7ff;
  // Subnormal, huge, or a power of two (whose lower neighbour is closer): let Number() decide.
  if (exp === 0 || exp >= 0x7fe || ((hw & 0xfffff) === 0 && U32[LOW_WORD] === 0)) return false;
  const half = HALF_ULP[exp]!;
  if (Math.abs(l) >= half - half * 2 ** -40) return false;
  DECIMAL[0] = h;
  return true;
}

/**
 * Parses a plain decimal number (sign, digits, point, exponent) that starts
 * at s[a] exactly and leaves it in DECIMAL[0]; returns the index of the
 * first byte after it, or -1 when the text there is not in that form, has
 * more than 19 significant digits or an exponent beyond the fast range (the
 * caller then falls back to Number()).
 */
export function scanDecimal(s: Uint8Array, a: number): number {
  let i = a;
  let c = s[i]!;
  let neg = false;
  if (c === 0x2d) {
    neg = true;
    c = s[++i]!;
  } else if (c === 0x2b) c = s[++i]!;
  // Significant digits: the first 11 in A, the next (up to 8) in B.
  let A = 0;
  let B = 0;
  let nb = 0;
  let digits = 0;
  let any = false;
  let scale = 0;
  let point = false;
  for (;;) {
    if (c >= 0x30 && c <= 0x39) {
      any = true;
      if (digits > 0 || c !== 0x30) {
        if (digits < 11) A = A * 10 + (c - 0x30);
        else {
          B = B * 10 + (c - 0x30);
          nb++;
        }
        digits++;
      }
      if (point) scale--;
    } else if (c === 0x2e && !point) point = true;
    else break;
    c = s[++i]!;
  }
  if (!any || digits > 19) return -1;
  if (c === 0x65 || c === 0x45) {
    c = s[++i]!;
    let eneg = false;
    if (c === 0x2d) {
      eneg = true;
      c = s[++i]!;
    } else if (c === 0x2b) c = s[++i]!;
    let x = 0;
    let xd = 0;
    while (c >= 0x30 && c <= 0x39) {
      x = x * 10 + (c - 0x30);
      xd++;
      c = s[++i]!;
    }
    if (xd === 0 || xd > 4) return -1;
    scale += eneg ? -x : x;
  }
  let v: number;
  if (digits === 0) v = 0;
  else if (digits <= 15) {
    const m = nb === 0 ? A : A * POW10[nb]! + B;
    if (scale === 0) v = m;
    else if (scale < 0 && scale >= -22) v = m / POW10[-scale]!;
    else if (scale > 0 && scale <= 22) v = m * POW10[scale]!;
    else return -1;
  } else if (scale >= -22 && scale <= 22 && wideDecimal(A, nb, B, scale)) v = DECIMAL[0]!;
  else return -1;
  DECIMAL[0] = neg ? -v : v;
  return i;
}

/** scanDecimal over exactly s[a, e): whether it parsed, the value in DECIMAL[0]. */
export function parseDecimal(s: Uint8Array, a: number, e: number): boolean {
  return scanDecimal(s, a) === e;
}

/** parseDecimal's value, or undefined where it gives up. */
export function fastDecimal(s: Uint8Array, a: number, e: number): number | undefined {
  return parseDecimal(s, a, e) ? DECIMAL[0] : undefined;
}

const SPECIAL_FLOAT = /^([+-]?)(nan|inf|infinity)$/i;

/**
 * Parses floating-point text: Number semantics, plus NaN and infinities in
 * the spellings seen in VOTables ('NaN', '+Inf', '-Inf', 'Infinity', any case).
 * Returns null for empty text.
 */
export function parseFloatText(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  if (v === v && v !== Infinity && v !== -Infinity) return v;
  const m = SPECIAL_FLOAT.exec(t);
  if (m) {
    if (m[2]!.toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  if (v === v && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return v; // overflow to infinity
  throw new VotableError('invalid-data', `'${clip(t)}' is not a floating-point number.`);
}

export function floatFromText(s: Uint8Array, a: number, e: number): number | null {
  if (parseDecimal(s, a, e)) return DECIMAL[0]!;
  return parseFloatText(latin1(s, a, e));
}

/** The value of trimmed integer text (decimal or 0x hexadecimal), or undefined when it is not one. */
export function integerValue(t: string): bigint | undefined {
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t);
  if (hex) {
    const v = BigInt('0x' + hex[2]!);
    return hex[1] === '-' ? -v : v;
  }
  return undefined;
}

/** Parses integer text (decimal or 0x hexadecimal); null for empty text. */
export function parseBigIntText(text: string): bigint | null {
  const t = text.trim();
  if (t === '') return null;
  const v = integerValue(t);
  if (v === undefined) throw new VotableError('invalid-data', `'${clip(t)}' is not an integer.`);
  return v;
}

const INT_RANGES: Record<number, [bigint, bigint, string, bigint]> = {
  8: [0n, 255n, 'unsignedByte', 256n],
  16: [-32768n, 32767n, 'short', 65536n],
  32: [-2147483648n, 2147483647n, 'int', 4294967296n],
  64: [-(2n ** 63n), 2n ** 63n - 1n, 'long', 2n ** 64n],
};

/**
 * Checks an integer against its datatype's range. Hexadecimal text may give
 * the unsigned bit pattern of a negative value (0xFFFF for short -1).
 */
export function checkIntRange(v: bigint, bits: number, hex: boolean): bigint {
  const [min, max, name, mod] = INT_RANGES[bits]!;
  if (v >= min && v <= max) return v;
  if (hex && bits !== 8 && v > max && v < mod) return v - mod;
  throw new VotableError('invalid-data', `${v} is out of range for ${name}.`);
}

/** Integer text to a number (ubyte/short/int); null for empty text. */
export function intFromText(s: Uint8Array, a: number, e: number, bits: number): number | null {
  // Fast path: optional '-', up to 9 digits, nothing else.
  let i = a;
  let neg = false;
  if (s[i]! === 0x2d) {
    neg = true;
    i++;
  }
  const start = i;
  let v = 0;
  while (i < e) {
    const c = s[i]! - 0x30;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  if (i === e && i > start && i - start <= 9) {
    if (neg) v = -v;
    if (bits === 32 ? v >= -2147483648 && v <= 2147483647 : bits === 16 ? v >= -32768 && v <= 32767 : v >= 0 && v <= 255) {
      return v;
    }
  }
  const text = latin1(s, a, e);
  const big = parseBigIntText(text);
  if (big === null) return null;
  return Number(checkIntRange(big, bits, /0[xX]/.test(text)));
}

/** Boolean text: T/F/1/0, true/false in any case; '?' or blank is null. */
export function boolFromText(s: Uint8Array, a: number, e: number): boolean | null {
  while (a < e && isWs(s[a]!)) a++;
  while (e > a && isWs(s[e - 1]!)) e--;
  if (a === e) return null;
  if (e - a === 1) {
    const c = s[a]!;
    if (c === 0x54 || c === 0x74 || c === 0x31) return true;
    if (c === 0x46 || c === 0x66 || c === 0x30) return false;
    if (c === 0x3f || c === 0) return null;
  } else {
    const w = latin1(s, a, e).toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
  }
  throw new VotableError('invalid-data', `'${clip(latin1(s, a, e))}' is not a VOTable boolean.`);
}

/** Text of ASCII/latin-1 bytes (for numbers, tag names and messages). */
export function latin1(b: Uint8Array, a: number, e: number): string {
  let t = '';
  for (let i = a; i < e; i += 4096) t += String.fromCharCode.apply(null, Array.from(b.subarray(i, Math.min(e, i + 4096))));
  return t;
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function clip(t: string): string {
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}
