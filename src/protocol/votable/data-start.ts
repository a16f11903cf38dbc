/** Helpers of the streaming decoder: appendable bytes, and finding where the next data element's content starts. */

/** Appendable bytes. */
export class Bytes {
  buf = new Uint8Array(4096);
  len = 0;

  append(src: Uint8Array): void {
    if (this.len + src.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.len + src.length, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(src, this.len);
    this.len += src.length;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3e || c === 0x2f;
}

function indexOfSeq(b: Uint8Array, s: string, from: number): number {
  for (let p = b.indexOf(s.charCodeAt(0), from); p >= 0; p = b.indexOf(s.charCodeAt(0), p + 1)) {
    let k = 1;
    while (k < s.length && b[p + k] === s.charCodeAt(k)) k++;
    if (k === s.length) return p;
  }
  return -1;
}

/**
 * The position after the start tag of the next TABLEDATA or STREAM with
 * content in b[from..] (skipping comments, CDATA, processing instructions
 * and declarations), or -1 when it has not arrived yet.
 */
export function findDataStart(b: Uint8Array, from: number): number {
  let p = from;
  for (;;) {
    const lt = b.indexOf(0x3c, p);
    if (lt < 0 || lt + 1 >= b.length) return -1;
    const c1 = b[lt + 1];
    if (c1 === 0x21 || c1 === 0x3f) {
      const close = c1 === 0x3f ? '?>' : b[lt + 2] === 0x2d ? '-->' : b[lt + 2] === 0x5b ? ']]>' : '>';
      const end = indexOfSeq(b, close, lt + 2);
      if (end < 0) return -1;
      p = end + close.length;
      continue;
    }
    let q = lt + 1;
    let ls = q;
    while (q < b.length && !isNameEnd(b[q]!)) {
      if (b[q] === 0x3a) ls = q + 1;
      q++;
    }
    const name = String.fromCharCode(...b.subarray(ls, Math.min(q, ls + 10)));
    let quote = 0;
    for (; q < b.length; q++) {
      const c = b[q]!;
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (q >= b.length) return -1;
    if (c1 !== 0x2f && b[q - 1] !== 0x2f && (name === 'TABLEDATA' || name === 'STREAM')) return q + 1;
    p = q + 1;
  }
}
