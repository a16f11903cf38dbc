/** Input bytes as the scanners want them: UTF-8 (UTF-16 and ISO-8859-1 documents converted once). */

import { VotableError } from './types';

export function toBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (!(input instanceof Uint8Array)) throw new VotableError('not-votable', 'parseVotable needs a Uint8Array or a string.');
  // UTF-16 with a byte order mark: convert to UTF-8 first.
  if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    const text = new TextDecoder(input[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(input);
    return new TextEncoder().encode(text.replace(/^\uFEFF/, '').replace(/(<\?xml[^>]*encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2'));
  }
  return transcodeLatin1(input);
}

/**
 * A document declared ISO-8859-1 (or windows-1252) is converted to UTF-8
 * once, so that the scanners only ever see UTF-8. Base64
 * STREAM content is ASCII and does not change.
 */
function transcodeLatin1(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 256));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["'](iso-8859-1|latin-?1|iso8859-1|windows-1252)["']/i.exec(head);
  if (!m) return bytes;
  const text = new TextDecoder('windows-1252').decode(bytes);
  return new TextEncoder().encode(text.replace(/^(\s*<\?xml[^>]*encoding\s*=\s*["'])[^"']+/i, '$1UTF-8'));
}
