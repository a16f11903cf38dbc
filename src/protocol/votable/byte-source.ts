/**
 * Byte sources for the binary decoders: a whole in-memory stream, or inline
 * base64 text decoded window by window (so the raw bytes of a large table
 * never exist in memory all at once).
 */

import { VotableError } from './types';

export interface ByteSource {
  /** Current window; bytes [start, end) are unread. */
  buf: Uint8Array;
  dv: DataView;
  start: number;
  end: number;
  /**
   * Keeps the unread bytes and appends more until at least `min` bytes are
   * unread. Returns false when the stream ended before that.
   */
  refill(min: number): boolean;
  /** Upper bound of the bytes that may still come after `end`. */
  remainingBound(): number;
  /** Input position reached, in bytes of the document or stream (for progress). */
  inputPosition(): number;
  /** Reads (and checks) what is left; returns the input position of the end. */
  finish(): number;
  /**
   * True while more bytes may still arrive (a stream being received): then
   * a failed refill means "not yet", not the end, and remainingBound is unknown.
   */
  waiting?(): boolean;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    buf: bytes,
    dv: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    start: 0,
    end: bytes.length,
    refill(min: number): boolean {
      return this.end - this.start >= min;
    },
    remainingBound: () => 0,
    inputPosition(): number {
      return this.start;
    },
    finish(): number {
      return bytes.length;
    },
  };
}

/** Base64 alphabet values; -2 whitespace, -3 '=', -4 '<' (the end of the STREAM content), -1 invalid. */
export const B64 = new Int8Array(256).fill(-1);
/** Values of two base64 characters at once (12 bits), -1 unless both are in the alphabet. */
const B64_PAIRS = new Int16Array(65536).fill(-1);
{
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) B64[alphabet.charCodeAt(i)] = i;
  for (const c of [0x20, 0x09, 0x0a, 0x0d]) B64[c] = -2;
  B64[0x3d] = -3;
  B64[0x3c] = -4;
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) B64_PAIRS[(alphabet.charCodeAt(i) << 8) | alphabet.charCodeAt(j)] = (i << 6) | j;
  }
}

export interface B64State {
  ip: number;
  done: boolean;
}

/**
 * Decodes base64 from src[state.ip, ipEnd) into out[op, opEnd); returns the
 * new output position. Stops when fewer than 3 output bytes are free.
 */
export function decodeBase64Into(
  src: Uint8Array,
  state: B64State,
  ipEnd: number,
  out: Uint8Array,
  op: number,
  opEnd: number,
  more = false,
): number {
  let ip = state.ip;
  const T = B64;
  const P = B64_PAIRS;
  // Four characters in one load: big-endian, so the high half holds the first two.
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  for (;;) {
    while (ip + 4 <= ipEnd && op + 3 <= opEnd) {
      const w = dv.getUint32(ip);
      const x = P[w >>> 16]!;
      const y = P[w & 0xffff]!;
      if ((x | y) < 0) break;
      const v = (x << 12) | y;
      out[op] = v >>> 16;
      out[op + 1] = (v >>> 8) & 255;
      out[op + 2] = v & 255;
      op += 3;
      ip += 4;
    }
    if (op + 3 > opEnd) break;
    // Slow path: whitespace, padding, the end of the input.
    let v = 0;
    let k = 0;
    let pad = 0;
    while (ip < ipEnd && k + pad < 4) {
      const x = T[src[ip]!]!;
      if (x >= 0) {
        if (pad > 0) throw new VotableError('invalid-base64', 'Invalid base64 in STREAM: data after padding.');
        v = (v << 6) | x;
        k++;
      } else if (x === -3) pad++;
      else if (x === -4) break;
      else if (x === -1) {
        throw new VotableError('invalid-base64', `Invalid character '${String.fromCharCode(src[ip]!)}' in base64 STREAM.`);
      }
      ip++;
    }
    if (k === 4) {
      out[op] = v >>> 16;
      out[op + 1] = (v >>> 8) & 255;
      out[op + 2] = v & 255;
      op += 3;
      continue;
    }
    // The input ends on a whole group but more text is to come.
    if (more && k === 0 && pad === 0 && ip >= ipEnd) break;
    // End of the data: 0, 2 or 3 symbols (padded or not).
    if (k === 1) throw new VotableError('invalid-base64', 'Truncated base64 STREAM.');
    if (k === 2) out[op++] = (v >>> 4) & 255;
    else if (k === 3) {
      out[op] = (v >>> 10) & 255;
      out[op + 1] = (v >>> 2) & 255;
      op += 2;
    }
    // Only whitespace and padding may follow.
    while (ip < ipEnd) {
      const x = T[src[ip]!]!;
      if (x === -4) break;
      if (x !== -2 && x !== -3) throw new VotableError('invalid-base64', 'Invalid base64 in STREAM: data after the end.');
      ip++;
    }
    state.done = true;
    break;
  }
  state.ip = ip;
  return op;
}

const WINDOW = 1 << 20;
/**
 * The first window is small, so that the row loop meets the end of a window
 * (a cut row, a refill) before it is optimized: met first by the optimized
 * loop, that path would throw it back to the interpreter.
 */
const FIRST_WINDOW = 1 << 12;

/** Decodes base64 text from src[from] up to `to` or the first '<', window by window. */
export function base64Source(src: Uint8Array, from: number, to: number): ByteSource {
  const state: B64State = { ip: from, done: from >= to };
  let buf = new Uint8Array(Math.min(WINDOW, Math.ceil(((to - from) * 3) / 4) + 3));
  let fillLimit = Math.min(buf.length, FIRST_WINDOW);
  const source: ByteSource = {
    buf,
    dv: new DataView(buf.buffer),
    start: 0,
    end: 0,
    refill(min: number): boolean {
      let unread = this.end - this.start;
      if (unread >= min) return true;
      if (state.done) return false;
      if (min + 3 > buf.length) {
        if (min > unread + this.remainingBound()) return false;
        const next = new Uint8Array(Math.max(min + 3, buf.length * 2));
        next.set(buf.subarray(this.start, this.end));
        buf = next;
      } else if (this.start > 0) buf.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = unread;
      const limit = Math.max(Math.min(fillLimit, buf.length), min + 3);
      fillLimit = buf.length;
      while (!state.done && this.end < min) {
        this.end = decodeBase64Into(src, state, to, buf, this.end, limit);
        if (limit - this.end < 3 && this.end < min) break;
      }
      // Fill the rest of the window while we are at it.
      if (!state.done && limit - this.end >= 3) this.end = decodeBase64Into(src, state, to, buf, this.end, limit);
      this.buf = buf;
      this.dv = new DataView(buf.buffer);
      unread = this.end - this.start;
      return unread >= min;
    },
    remainingBound: () => (state.done ? 0 : Math.ceil(((to - state.ip) * 3) / 4)),
    inputPosition: () => state.ip,
    finish(): number {
      const scratch = new Uint8Array(4096);
      while (!state.done) decodeBase64Into(src, state, to, scratch, 0, scratch.length);
      return state.ip;
    },
  };
  return source;
}

/** Decodes a whole base64 text into bytes. */
export function decodeBase64(src: Uint8Array, from = 0, to = src.length): Uint8Array {
  const out = new Uint8Array(Math.ceil(((to - from) * 3) / 4) + 3);
  const state: B64State = { ip: from, done: from >= to };
  let op = 0;
  while (!state.done) {
    const before = state.ip;
    op = decodeBase64Into(src, state, to, out, op, out.length);
    if (state.ip === before && !state.done) break;
  }
  return out.slice(0, op);
}
