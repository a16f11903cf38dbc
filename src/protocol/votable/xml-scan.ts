/**
 * A small, strict XML scanner for VOTable headers.
 *
 * It builds a light element tree of everything except bulk data: the content
 * of TABLEDATA and STREAM elements is not parsed here but handed, by its
 * start, to a hook, so that the data decoders can read it in place. Namespace prefixes
 * are dropped (elements and attributes are known by their local names), which
 * makes VOTable 1.1 to 1.5 documents with a default, prefixed or no namespace
 * look the same.
 *
 * Refused: DOCTYPE declarations with an internal subset (and with them any
 * entity definitions, so no entity expansion attack is possible), unknown
 * entities, mismatched or unclosed tags, and absurd nesting depth. A DOCTYPE
 * with only an external identifier (as IRSA and older STIL write) is
 * skipped, its DTD never fetched. Line ends are read as XML says: CR LF and
 * a lone CR as LF.
 *
 * Longer than 300 lines: one single-pass scanner over the bytes; its parts share the position state.
 */

import { VotableError } from './types';
import type { WarningOccurrence } from './warnings';

export interface XmlElement {
  /** Local name (prefix removed). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (entities and CDATA resolved), not for data elements. */
  text: string;
}

const MAX_DEPTH = 256;
const DATA_ELEMENTS = new Set(['TABLEDATA', 'STREAM']);

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QMARK = 0x3f;
const BANG = 0x21;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === GT || c === SLASH || c === 0x3d;
}

export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export function startsWithAscii(b: Uint8Array, p: number, s: string): boolean {
  if (p + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

export function indexOfAscii(b: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  let p = from;
  for (;;) {
    p = b.indexOf(first, p);
    if (p < 0) return -1;
    if (startsWithAscii(b, p, s)) return p;
    p++;
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the five predefined entities and character references. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new VotableError('malformed', `Unterminated entity reference '${match}'.`);
    const named = NAMED_ENTITIES[body];
    if (named !== undefined) return named;
    let code = NaN;
    if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) code = parseInt(body.slice(2), 16);
    else if (/^#[0-9]{1,7}$/.test(body)) code = parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
      throw new VotableError(
        'malformed',
        `Unknown or invalid entity '&${body};' (only the predefined XML entities and character references are allowed).`,
      );
    }
    return String.fromCodePoint(code);
  });
}

export interface ScanResult {
  root: XmlElement;
}

function encodingOf(declared: string | undefined): 'utf-8' | 'latin1' {
  if (!declared) return 'utf-8';
  const e = declared.toLowerCase();
  if (e === 'utf-8' || e === 'utf8' || e === 'us-ascii' || e === 'ascii') return 'utf-8';
  if (e === 'iso-8859-1' || e === 'latin1' || e === 'latin-1' || e === 'iso8859-1' || e === 'windows-1252') return 'latin1';
  throw new VotableError('not-supported', `XML encoding '${declared}' is not supported (use UTF-8).`);
}

export interface ScanHooks {
  /**
   * Called at the start of the content of a TABLEDATA or STREAM element, with
   * the element and its open ancestors (outermost first). Returns the byte
   * position of the '<' of the element's end tag when it consumed the content
   * itself, or undefined to let the scanner skip it.
   */
  data?(el: XmlElement, start: number, ancestors: readonly XmlElement[]): number | undefined;
  /** Something tolerated (an external DOCTYPE). */
  warn?(w: WarningOccurrence): void;
}

/** XML line-end normalization: CR LF and lone CR become LF. */
function lineEnds(t: string): string {
  return t.indexOf('\r') < 0 ? t : t.replace(/\r\n?/g, '\n');
}

/**
 * The end of a DOCTYPE declaration at p that has only an external
 * identifier (`<!DOCTYPE VOTABLE SYSTEM "...">`): the position after its
 * '>'. An internal subset ('[') is refused: it can declare entities.
 */
function skipExternalDoctype(b: Uint8Array, p: number): number {
  let q = p + 9;
  let quote = 0;
  for (; q < b.length; q++) {
    const c = b[q]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x5b) {
      throw new VotableError('not-supported', 'DOCTYPE declarations with an internal subset are refused (they can define entities); a VOTable needs none.');
    } else if (c === GT) return q + 1;
  }
  throw new VotableError('malformed', 'Unterminated DOCTYPE declaration.');
}

/**
 * Scans a document. `b` must be UTF-8 (or latin-1 when declared so); UTF-16
 * input is converted by the caller.
 */
export function scanXml(b: Uint8Array, hooks: ScanHooks = {}): ScanResult {
  const n = b.length;
  let p = 0;
  if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3;
  let decoder = new TextDecoder('utf-8');
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | undefined;
  let sawDoctype = false;

  const text = (s: number, e: number): string => decoder.decode(b.subarray(s, e));

  while (p < n) {
    const lt = b.indexOf(LT, p);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > p) {
      const top = texts[texts.length - 1];
      if (top) top.push(decodeEntities(lineEnds(text(p, textEnd))));
      else {
        for (let i = p; i < textEnd; i++) {
          if (!isSpace(b[i]!)) {
            throw new VotableError(root ? 'malformed' : 'not-votable', root ? 'Text after the end of the document.' : 'The input is not an XML document.');
          }
        }
      }
    }
    if (lt < 0) break;
    p = lt;
    const c1 = b[p + 1];
    if (c1 === QMARK) {
      const end = indexOfAscii(b, '?>', p + 2);
      if (end < 0) throw new VotableError('malformed', 'Unterminated processing instruction.');
      if (startsWithAscii(b, p, '<?xml') && isSpace(b[p + 5] ?? 0)) {
        const decl = text(p, end);
        const m = /encoding\s*=\s*["']([^"']+)["']/.exec(decl);
        decoder = new TextDecoder(encodingOf(m?.[1]) === 'latin1' ? 'windows-1252' : 'utf-8');
      }
      p = end + 2;
      continue;
    }
    if (c1 === BANG) {
      if (startsWithAscii(b, p, '<!--')) {
        const end = indexOfAscii(b, '-->', p + 4);
        if (end < 0) throw new VotableError('malformed', 'Unterminated comment.');
        p = end + 3;
        continue;
      }
      if (startsWithAscii(b, p, '<![CDATA[')) {
        const end = indexOfAscii(b, ']]>', p + 9);
        if (end < 0) throw new VotableError('malformed', 'Unterminated CDATA section.');
        const top = texts[texts.length - 1];
        if (!top) throw new VotableError('malformed', 'CDATA outside the document element.');
        top.push(lineEnds(text(p + 9, end)));
        p = end + 3;
        continue;
      }
      if (startsWithAscii(b, p, '<!DOCTYPE')) {
        if (root || sawDoctype) throw new VotableError('malformed', 'A DOCTYPE declaration after the start of the document.');
        p = skipExternalDoctype(b, p);
        sawDoctype = true;
        hooks.warn?.({ code: 'doctype-ignored', message: () => 'The document names an external DTD; it was not fetched (a VOTable needs none).' });
        continue;
      }
      throw new VotableError('malformed', 'Unexpected markup declaration.');
    }
    if (c1 === SLASH) {
      const gt = b.indexOf(GT, p + 2);
      if (gt < 0) throw new VotableError('malformed', 'Truncated document: unterminated end tag.');
      const qname = text(p + 2, gt).trim();
      const top = stack.pop();
      const parts = texts.pop();
      if (!top || !parts) throw new VotableError('malformed', `Unexpected end tag </${qname}>.`);
      if (localName(qname) !== top.name) {
        throw new VotableError('malformed', `Mismatched end tag </${qname}> for <${top.name}>.`);
      }
      top.text = parts.length === 1 ? parts[0]! : parts.join('');
      p = gt + 1;
      continue;
    }
    // Start tag.
    let q = p + 1;
    while (q < n && !isNameEnd(b[q]!)) q++;
    if (q === p + 1) throw new VotableError(root ? 'malformed' : 'not-votable', 'Invalid tag.');
    const name = localName(text(p + 1, q));
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    let selfClosing = false;
    for (;;) {
      while (q < n && isSpace(b[q]!)) q++;
      if (q >= n) throw new VotableError('malformed', `Truncated document inside <${name}>.`);
      const c = b[q]!;
      if (c === GT) {
        q++;
        break;
      }
      if (c === SLASH) {
        if (b[q + 1] !== GT) throw new VotableError('malformed', `Invalid '/' in <${name}>.`);
        selfClosing = true;
        q += 2;
        break;
      }
      const an = q;
      while (q < n && !isNameEnd(b[q]!)) q++;
      const aname = text(an, q);
      while (q < n && isSpace(b[q]!)) q++;
      if (b[q] !== 0x3d) throw new VotableError('malformed', `Attribute '${aname}' without value in <${name}>.`);
      q++;
      while (q < n && isSpace(b[q]!)) q++;
      const quote = b[q];
      if (quote !== 0x22 && quote !== 0x27) throw new VotableError('malformed', `Unquoted attribute '${aname}' in <${name}>.`);
      const vend = b.indexOf(quote, q + 1);
      if (vend < 0) throw new VotableError('malformed', `Truncated document inside <${name}>.`);
      const raw = text(q + 1, vend);
      if (raw.indexOf('<') >= 0) throw new VotableError('malformed', `'<' in attribute '${aname}' of <${name}>.`);
      q = vend + 1;
      if (aname === 'xmlns' || aname.startsWith('xmlns:')) continue;
      attrs[localName(aname)] = decodeEntities(lineEnds(raw).replace(/[\t\n]/g, ' '));
    }
    const el: XmlElement = { name, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) throw new VotableError('malformed', 'More than one document element.');
    else root = el;
    p = q;
    if (selfClosing) continue;
    if (DATA_ELEMENTS.has(name)) {
      const consumed = hooks.data?.(el, p, stack);
      p = consumed === undefined ? findDataEnd(b, p, name) : endTagAfter(b, consumed, name);
      continue;
    }
    if (stack.length >= MAX_DEPTH) throw new VotableError('too-large', 'XML nesting is too deep.');
    stack.push(el);
    texts.push([]);
  }
  if (!root) throw new VotableError('not-votable', 'The input is empty or not an XML document.');
  if (stack.length > 0) {
    throw new VotableError('malformed', `Truncated document: <${stack[stack.length - 1]!.name}> is not closed.`);
  }
  return { root };
}

/** Checks that an end tag of `name` starts at `p`; returns the position after it. */
function endTagAfter(b: Uint8Array, p: number, name: string): number {
  const after = matchEndTag(b, p, name);
  if (after < 0) throw new VotableError('malformed', `Expected the end tag of <${name}>.`);
  return after;
}

/** The position after `</prefix:name>` at p, or -1. */
function matchEndTag(b: Uint8Array, p: number, name: string): number {
  const n = b.length;
  if (b[p] !== LT || b[p + 1] !== SLASH) return -1;
  let q = p + 2;
  let ls = q;
  while (q < n && !isNameEnd(b[q]!)) {
    if (b[q] === 0x3a) ls = q + 1;
    q++;
  }
  if (q - ls !== name.length || !startsWithAscii(b, ls, name)) return -1;
  while (q < n && isSpace(b[q]!)) q++;
  if (b[q] !== GT) return -1;
  return q + 1;
}

/** Finds the end tag of a data element, skipping comments and CDATA sections; returns the position after it. */
function findDataEnd(b: Uint8Array, from: number, name: string): number {
  let p = from;
  for (;;) {
    p = b.indexOf(LT, p);
    if (p < 0) throw new VotableError('malformed', `Truncated document: <${name}> is not closed.`);
    const c1 = b[p + 1];
    if (c1 === BANG) {
      if (startsWithAscii(b, p, '<![CDATA[')) {
        const end = indexOfAscii(b, ']]>', p + 9);
        if (end < 0) throw new VotableError('malformed', 'Unterminated CDATA section.');
        p = end + 3;
        continue;
      }
      if (startsWithAscii(b, p, '<!--')) {
        const end = indexOfAscii(b, '-->', p + 4);
        if (end < 0) throw new VotableError('malformed', 'Unterminated comment.');
        p = end + 3;
        continue;
      }
      p++;
      continue;
    }
    if (c1 === SLASH) {
      const after = matchEndTag(b, p, name);
      if (after >= 0) return after;
    }
    p++;
  }
}
