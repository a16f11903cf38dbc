/**
 * FITS headers (FITS 4.0, section 4): 2880-byte blocks of 80-character
 * cards, ended by an END card. Values are read as the standard writes them
 * (strings in single quotes with '' for a quote, T/F, integers, reals with
 * E or D exponents); long strings continued with CONTINUE cards are joined.
 * A header without END within MAX_HEADER_BLOCKS blocks is refused.
 */

import { VotableError } from '../votable/types';

export const BLOCK = 2880;
const CARD = 80;
/** A header longer than this (about 36 000 cards) is refused rather than scanned on. */
export const MAX_HEADER_BLOCKS = 1000;

export type CardValue = string | number | boolean | bigint;

export interface FitsHeader {
  /** Keyword -> value (the first card of each keyword; keywords without a value are left out). */
  values: Map<string, CardValue>;
  /** Keyword -> the card's comment, for keywords with a value. */
  comments: Map<string, string>;
  /** Byte offset of the header's first card. */
  start: number;
  /** Byte offset just after the header's last block: where its data start. */
  dataStart: number;
  /** The first card's keyword: SIMPLE for a primary header, XTENSION for an extension. */
  first: string;
}

const latin1 = new TextDecoder('latin1');

/** Splits a card's value field into the value and the comment. */
export function parseValue(field: string): { value: CardValue | undefined; comment: string } {
  const text = field.trimStart();
  if (text.startsWith("'")) {
    let out = '';
    let i = 1;
    for (;;) {
      const q = text.indexOf("'", i);
      if (q < 0) {
        // An unterminated string: taken to the end of the card.
        out += text.slice(i);
        i = text.length;
        break;
      }
      out += text.slice(i, q);
      if (text[q + 1] === "'") {
        out += "'";
        i = q + 2;
      } else {
        i = q + 1;
        break;
      }
    }
    const slash = text.indexOf('/', i);
    // Trailing spaces of a string value are not significant (FITS 4.0, 4.2.1.1).
    return { value: out.replace(/ +$/, ''), comment: slash < 0 ? '' : text.slice(slash + 1).trim() };
  }
  const slash = text.indexOf('/');
  const raw = (slash < 0 ? text : text.slice(0, slash)).trim();
  const comment = slash < 0 ? '' : text.slice(slash + 1).trim();
  if (raw === '') return { value: undefined, comment };
  if (raw === 'T') return { value: true, comment };
  if (raw === 'F') return { value: false, comment };
  if (/^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    return { value: Number.isSafeInteger(n) ? n : BigInt(raw), comment };
  }
  const real = Number(raw.replace(/[dD]/, 'E'));
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/.test(raw) && Number.isFinite(real)) return { value: real, comment };
  // Complex values and anything else: kept as written.
  return { value: raw, comment };
}

/** Reads the header that starts at `start`. */
export function readHeader(bytes: Uint8Array, start: number): FitsHeader {
  const values = new Map<string, CardValue>();
  const comments = new Map<string, string>();
  let first = '';
  let lastString: string | null = null;
  let lastKeyword = '';
  for (let block = 0; ; block++) {
    const at = start + block * BLOCK;
    if (block >= MAX_HEADER_BLOCKS) {
      throw new VotableError('malformed', `The FITS header at byte ${start} has no END card within ${MAX_HEADER_BLOCKS} blocks.`);
    }
    // A last header block cut short after its END card is tolerated.
    if (at >= bytes.length) throw new VotableError('malformed', `The FITS data end inside the header at byte ${start} (no END card).`);
    const text = latin1.decode(bytes.subarray(at, Math.min(at + BLOCK, bytes.length)));
    for (let c = 0; c + CARD <= text.length; c += CARD) {
      const card = text.slice(c, c + CARD);
      const keyword = card.slice(0, 8).trimEnd();
      if (block === 0 && c === 0) first = keyword;
      if (keyword === 'END') return { values, comments, start, dataStart: at + BLOCK, first };
      if (keyword === 'CONTINUE') {
        // A long string value continued (FITS 4.0, 4.2.1.2): the previous string ended with '&'.
        if (lastString !== null) {
          const { value } = parseValue(card.slice(8));
          if (typeof value === 'string') {
            const joined: string = lastString.slice(0, -1) + value;
            values.set(lastKeyword, joined);
            lastString = joined.endsWith('&') ? joined : null;
          }
        }
        continue;
      }
      lastString = null;
      // A value indicator without its space ('NAXIS   =2') is tolerated, as STIL does.
      if (card[8] !== '=' || keyword === '' || keyword === 'COMMENT' || keyword === 'HISTORY') continue;
      const { value, comment } = parseValue(card.slice(9));
      if (value === undefined || values.has(keyword)) continue;
      values.set(keyword, value);
      comments.set(keyword, comment);
      lastKeyword = keyword;
      if (typeof value === 'string' && value.endsWith('&')) lastString = value;
    }
    if (text.length < BLOCK) throw new VotableError('malformed', `The FITS data end inside the header at byte ${start} (no END card).`);
  }
}
/** An integer keyword, or `fallback` when absent; anything else is refused. */
export function intValue(header: FitsHeader, keyword: string, fallback?: number): number {
  const v = header.values.get(keyword);
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') {
    throw new VotableError('too-large', `The FITS keyword ${keyword} = ${v} is beyond the decoder's limits.`);
  }
  throw new VotableError('malformed', v === undefined ? `The FITS keyword ${keyword} is missing.` : `The FITS keyword ${keyword} is not an integer.`);
}

export function stringValue(header: FitsHeader, keyword: string): string | undefined {
  const v = header.values.get(keyword);
  return typeof v === 'string' ? v : undefined;
}

/** A real keyword (integers included), or `fallback`. */
export function realValue(header: FitsHeader, keyword: string, fallback: number): number {
  const v = header.values.get(keyword);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return fallback;
}
