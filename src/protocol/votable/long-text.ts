/**
 * long cells from text: decimal digits are written as int64 words without
 * BigInt where they fit (the common case), through BigInt otherwise.
 */

import { HI as HI_, LO as LO_, type ColumnBuilder } from './column-builder';
import { checkIntRange as checkIntRange_, latin1 as latin1_, parseBigIntText as parseBigIntText_ } from './text-values';
import { VotableError } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const HI = HI_;
const LO = LO_;
const checkIntRange = checkIntRange_;
const latin1 = latin1_;
const parseBigIntText = parseBigIntText_;

const TWO32 = 4294967296;
/** 10^0 .. 10^9 (a table: `10 ** n` is a call to pow). */
const POW10 = new Float64Array([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);

export function writeLongNumber(col: ColumnBuilder, idx: number, n: number): void {
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
export function writeLongText(col: ColumnBuilder, idx: number, s: Uint8Array, a: number, e: number): boolean | null {
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
