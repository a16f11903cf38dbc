/**
 * Text to value conversions for TABLEDATA cells and PARAM values: exact
 * decimal parsing with Number semantics (a correctly rounded fast path for
 * up to 15 significant digits, Number() beyond), integers with range checks
 * and hexadecimal, booleans in all their spellings.
 */

import { VotableError } from './types';

const POW10: number[] = [];
for (let i = 0, v = 1; i <= 22; i++, v *= 10) POW10.push(v);

/**
 * Parses a plain decimal number (sign, digits, point, exponent) exactly, or
 * returns undefined when the text is not in that form or has more than 15
 * significant digits (the caller then falls back to Number()).
 */
export function fastDecimal(s: string, a: number, e: number): number | undefined {
  let i = a;
  let c = s.charCodeAt(i);
  let neg = false;
  if (c === 0x2d) {
    neg = true;
    c = s.charCodeAt(++i);
  } else if (c === 0x2b) c = s.charCodeAt(++i);
  let m = 0;
  let digits = 0;
  let any = false;
  let scale = 0;
  while (c >= 0x30 && c <= 0x39) {
    any = true;
    if (m !== 0 || c !== 0x30) {
      m = m * 10 + (c - 0x30);
      digits++;
    }
    c = s.charCodeAt(++i);
  }
  if (c === 0x2e) {
    c = s.charCodeAt(++i);
    while (c >= 0x30 && c <= 0x39) {
      any = true;
      if (m !== 0 || c !== 0x30) {
        m = m * 10 + (c - 0x30);
        digits++;
      }
      scale--;
      c = s.charCodeAt(++i);
    }
  }
  if (!any || digits > 15) return undefined;
  if (c === 0x65 || c === 0x45) {
    c = s.charCodeAt(++i);
    let eneg = false;
    if (c === 0x2d) {
      eneg = true;
      c = s.charCodeAt(++i);
    } else if (c === 0x2b) c = s.charCodeAt(++i);
    let x = 0;
    let xd = 0;
    while (c >= 0x30 && c <= 0x39) {
      x = x * 10 + (c - 0x30);
      xd++;
      c = s.charCodeAt(++i);
    }
    if (xd === 0 || xd > 4) return undefined;
    scale += eneg ? -x : x;
  }
  if (i !== e) return undefined;
  let v: number;
  if (m === 0) v = 0;
  else if (scale === 0) v = m;
  else if (scale < 0 && scale >= -22) v = m / POW10[-scale]!;
  else if (scale > 0 && scale <= 22) v = m * POW10[scale]!;
  else return undefined;
  return neg ? -v : v;
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

export function floatFromText(s: string, a: number, e: number): number | null {
  const v = fastDecimal(s, a, e);
  if (v !== undefined) return v;
  return parseFloatText(s.slice(a, e));
}

/** Parses integer text (decimal or 0x hexadecimal); null for empty text. */
export function parseBigIntText(text: string): bigint | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t);
  if (hex) {
    const v = BigInt('0x' + hex[2]!);
    return hex[1] === '-' ? -v : v;
  }
  throw new VotableError('invalid-data', `'${clip(t)}' is not an integer.`);
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
export function intFromText(s: string, a: number, e: number, bits: number): number | null {
  // Fast path: optional '-', up to 9 digits, nothing else.
  let i = a;
  let neg = false;
  if (s.charCodeAt(i) === 0x2d) {
    neg = true;
    i++;
  }
  const start = i;
  let v = 0;
  while (i < e) {
    const c = s.charCodeAt(i) - 0x30;
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
  const text = s.slice(a, e);
  const big = parseBigIntText(text);
  if (big === null) return null;
  return Number(checkIntRange(big, bits, /0[xX]/.test(text)));
}

/** Boolean text: T/F/1/0, true/false in any case; '?' or blank is null. */
export function boolFromText(s: string, a: number, e: number): boolean | null {
  while (a < e && isWs(s.charCodeAt(a))) a++;
  while (e > a && isWs(s.charCodeAt(e - 1))) e--;
  if (a === e) return null;
  if (e - a === 1) {
    const c = s.charCodeAt(a);
    if (c === 0x54 || c === 0x74 || c === 0x31) return true;
    if (c === 0x46 || c === 0x66 || c === 0x30) return false;
    if (c === 0x3f || c === 0) return null;
  } else {
    const w = s.slice(a, e).toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
  }
  throw new VotableError('invalid-data', `'${clip(s.slice(a, e))}' is not a VOTable boolean.`);
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function clip(t: string): string {
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}
