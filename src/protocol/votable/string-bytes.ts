/** UTF-8 string storage helpers for string columns (see VoStringColumnData). */

import type { ColumnBuilder } from './column-builder';

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** Reusable argument arrays for String.fromCharCode, one per length. */
const CHAR_ARGS: number[][] = [];
for (let k = 0; k <= 48; k++) CHAR_ARGS.push(new Array<number>(k).fill(0));

/** The string of UTF-8 bytes[a, e) (short ASCII strings without TextDecoder). */
export function bytesToString(bytes: Uint8Array, a: number, e: number): string {
  const len = e - a;
  if (len <= 48) {
    const args = CHAR_ARGS[len]!;
    let high = 0;
    for (let k = 0; k < len; k++) {
      const c = bytes[a + k]!;
      high |= c;
      args[k] = c;
    }
    if (high < 0x80) return String.fromCharCode.apply(null, args);
  }
  return utf8Decoder.decode(bytes.subarray(a, e));
}

/** Appends the UTF-8 form of `text` as the string cell of `row` (empty and VALUES null give null). */
export function appendString(col: ColumnBuilder, row: number, text: string): void {
  const base = col.count;
  if (text === '' || text === col.spec.nullText) {
    col.offsets[row + 1] = base;
    col.setNull(row);
    return;
  }
  const n = text.length;
  col.ensureBytes(base + n * 3, row);
  const bytes = col.bytes;
  let k = 0;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80) break;
    bytes[base + k] = c;
  }
  let end = base + k;
  if (k < n) end += utf8Encoder.encodeInto(text.slice(k), bytes.subarray(end)).written;
  col.count = end;
  col.offsets[row + 1] = end;
}

/** Appends UTF-8 src[a, e) as the string cell of `row` (empty and VALUES null give null). */
export function appendBytes(col: ColumnBuilder, row: number, src: Uint8Array, a: number, e: number): void {
  const base = col.count;
  const len = e - a;
  const nb = col.spec.nullBytes;
  if (len === 0 || (nb !== null && sameBytes(src, a, len, nb))) {
    col.offsets[row + 1] = base;
    col.setNull(row);
    return;
  }
  if (base + len > col.bytes.length) col.ensureBytes(base + len, row);
  const bytes = col.bytes;
  if (len <= 32) for (let k = 0; k < len; k++) bytes[base + k] = src[a + k]!;
  else bytes.set(src.subarray(a, e), base);
  col.count = base + len;
  col.offsets[row + 1] = base + len;
}

function sameBytes(buf: Uint8Array, a: number, len: number, other: Uint8Array): boolean {
  if (len !== other.length) return false;
  for (let k = 0; k < len; k++) if (buf[a + k] !== other[k]) return false;
  return true;
}

/** A string of a char array without its trailing blank and NUL padding. */
export function trimPadding(t: string): string {
  let e = t.length;
  while (e > 0 && (t.charCodeAt(e - 1) === 0x20 || t.charCodeAt(e - 1) === 0)) e--;
  return e === t.length ? t : t.slice(0, e);
}
