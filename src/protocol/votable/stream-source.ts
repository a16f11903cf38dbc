/**
 * A byte source for inline base64 STREAM content that arrives in pieces:
 * each `feed` decodes the whole 4-character groups of the text given so far
 * into the window; the binary decoder reads the complete rows and leaves a
 * cut row for the next feed. Only the bytes not yet read are kept.
 */

import { B64, decodeBase64Into, type B64State, type ByteSource } from './byte-source';
import { VotableError } from './types';

export interface StreamingByteSource extends ByteSource {
  /**
   * Decodes base64 text text[from, to): up to the end of the STREAM content
   * (its '<') when it is there, else up to the last whole group of four.
   * Returns the position reached (the '<' once the content has ended); the
   * text after it must be fed again with what follows.
   */
  feed(text: Uint8Array, from: number, to: number): number;
  /** The end of the STREAM content has been reached. */
  ended: boolean;
}

export function streamingBase64Source(): StreamingByteSource {
  const state: B64State = { ip: 0, done: false };
  let fed = 0;
  const source: StreamingByteSource = {
    buf: new Uint8Array(1 << 16),
    dv: new DataView(new ArrayBuffer(0)),
    start: 0,
    end: 0,
    ended: false,
    refill(min: number): boolean {
      return this.end - this.start >= min;
    },
    remainingBound(): number {
      return this.ended ? 0 : Number.POSITIVE_INFINITY;
    },
    inputPosition: () => fed,
    finish: () => fed,
    waiting(): boolean {
      return !this.ended;
    },
    feed(text: Uint8Array, from: number, to: number): number {
      if (this.ended) return from;
      let endTag = -1;
      let symbols = 0;
      let cut = from;
      for (let i = from; i < to; i++) {
        const c = text[i]!;
        if (c === 0x3c) {
          endTag = i;
          break;
        }
        const x = B64[c]!;
        if (x >= 0 || x === -3) {
          if ((++symbols & 3) === 0) cut = i + 1;
        } else if (x === -1) {
          throw new VotableError('invalid-base64', `Invalid character '${String.fromCharCode(c)}' in base64 STREAM.`);
        }
      }
      const limit = endTag >= 0 ? endTag : cut;
      if (state.done) {
        // After the padding: nothing but whitespace and padding before the end tag.
        for (let i = from; i < limit; i++) {
          const x = B64[text[i]!]!;
          if (x !== -2 && x !== -3) throw new VotableError('invalid-base64', 'Invalid base64 in STREAM: data after the end.');
        }
      } else if (limit > from) {
        // Keep the unread bytes at the front, with room for what this text gives.
        const unread = this.end - this.start;
        const need = unread + Math.ceil(((limit - from) * 3) / 4) + 3;
        let buf = this.buf;
        if (need > buf.length) {
          const next = new Uint8Array(Math.max(need, buf.length * 2));
          next.set(buf.subarray(this.start, this.end));
          buf = next;
        } else if (this.start > 0) buf.copyWithin(0, this.start, this.end);
        this.start = 0;
        this.end = unread;
        state.ip = from;
        while (state.ip < limit && !state.done) {
          const before = state.ip;
          this.end = decodeBase64Into(text, state, limit, buf, this.end, buf.length, endTag < 0);
          if (state.ip === before) break;
        }
        if (endTag >= 0 && !state.done) {
          // The content ends here: let the decoder check the last group.
          this.end = decodeBase64Into(text, state, limit, buf, this.end, buf.length, false);
        }
        this.buf = buf;
        this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      }
      fed += limit - from;
      if (endTag >= 0) {
        this.ended = true;
        state.done = true;
        return endTag;
      }
      return limit;
    },
  };
  return source;
}
