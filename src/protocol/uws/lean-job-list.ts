/**
 * A lean, single-pass reader for large UWS job lists.
 *
 * A service with 10 000 jobs sends a 3 MB list, read again on every refresh;
 * building a general XML tree of it took the better part of a second. This
 * reader walks the text once and keeps only what a job list carries: each
 * jobref's attributes and the text of its phase, runId, ownerId and
 * creationTime. It reads the same documents the same way as the general path
 * (namespaces by prefix, the five predefined entities and character
 * references, CDATA, comments, processing instructions, xsi:nil), and it
 * gives up, returning null, on anything else: a DOCTYPE or entity
 * declaration, markup that is not well-formed, a root that is not a UWS job
 * list, a jobref without id and href. The general path then reads the
 * document and says what is wrong with it.
 */
import { decodeXmlText } from '../http/votable-error';

/** A jobref as the document gives it: attributes in order, and the first phase, runId, ownerId and creationTime element of each. */
export interface LeanJobRef {
  attributes: [string, string][];
  fields: Map<string, { text: string; nil: boolean }>;
}

const FIELDS = new Set(['phase', 'runId', 'ownerId', 'creationTime']);
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const BAD_AMPERSAND = /&(?!(?:#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);)/;
const UWS_NAMESPACE = 'http://www.ivoa.net/xml/UWS/v1.0';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

class GiveUp extends Error {}

function isUwsNamespace(ns: string | null): boolean {
  return ns === null || ns === UWS_NAMESPACE || /\/xml\/UWS\//i.test(ns);
}

/** Character data, decoded; markup-like or undeclared entities make the document one for the general path. */
function text(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  if (BAD_AMPERSAND.test(raw)) throw new GiveUp();
  return decodeXmlText(raw);
}

/** An attribute by local name, whatever its prefix (namespace declarations excluded), as the general path finds it. */
export function leanAttribute(attributes: readonly [string, string][], local: string): string | undefined {
  for (const [name, value] of attributes) if (name === local) return value;
  for (const [name, value] of attributes) {
    if (name.startsWith('xmlns')) continue;
    const colon = name.indexOf(':');
    if (colon >= 0 && name.slice(colon + 1) === local) return value;
  }
  return undefined;
}

function isNil(attributes: readonly [string, string][]): boolean {
  const nil = leanAttribute(attributes, 'nil')?.trim();
  return nil === 'true' || nil === '1';
}

interface Open {
  name: string;
  scope: ReadonlyMap<string, string>;
}

/** The jobrefs of a UWS job list, or null when the document is not one this reader vouches for. */
export function readJobListLean(xml: string): LeanJobRef[] | null {
  try {
    return read(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
}

function read(s: string): LeanJobRef[] {
  const refs: LeanJobRef[] = [];
  const stack: Open[] = [];
  let i = 0;
  let rootDone = false;
  let rootSeen = false;
  let ref: LeanJobRef | null = null;
  /** The field being read, and the depth of its element. */
  let field: { text: string; nil: boolean } | null = null;
  let fieldDepth = 0;

  const fail = (): never => {
    throw new GiveUp();
  };
  const skipTo = (needle: string, from: number): number => {
    const at = s.indexOf(needle, from);
    return at < 0 ? fail() : at + needle.length;
  };
  const name = (at: number): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(s);
    return m ? m[0] : fail();
  };
  const space = (at: number): number => {
    SPACE.lastIndex = at;
    SPACE.exec(s);
    return SPACE.lastIndex;
  };

  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const end = lt < 0 ? s.length : lt;
    if (end > i) {
      const raw = s.slice(i, end);
      if (stack.length === 0) {
        if (raw.trim() !== '') fail();
      } else {
        const decoded = text(raw);
        if (field !== null) field.text += decoded;
      }
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      i = skipTo('-->', i + 4);
    } else if (s.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail();
      const close = s.indexOf(']]>', i + 9);
      if (close < 0) fail();
      if (field !== null) field.text += s.slice(i + 9, close);
      i = close + 3;
    } else if (s.startsWith('<?', i)) {
      i = skipTo('?>', i + 2);
    } else if (s.startsWith('<!', i)) {
      // DOCTYPE, ENTITY and the like: the general path refuses them, with a reason.
      fail();
    } else if (s.startsWith('</', i)) {
      const closing = name(i + 2);
      const after = space(i + 2 + closing.length);
      if (s[after] !== '>') fail();
      const open = stack.pop() ?? fail();
      if (open.name !== closing) fail();
      i = after + 1;
      const depth = stack.length + 1;
      if (field !== null && depth === fieldDepth) field = null;
      if (depth === 2 && ref) {
        refs.push(ref);
        ref = null;
      }
      if (depth === 1) rootDone = true;
    } else {
      if (rootDone) fail();
      const tag = name(i + 1);
      let at = i + 1 + tag.length;
      const attributes: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        const next = space(at);
        if (s.startsWith('/>', next)) {
          selfClosing = true;
          at = next + 2;
          break;
        }
        if (s[next] === '>') {
          at = next + 1;
          break;
        }
        if (next === at) fail();
        const attr = name(next);
        let p = space(next + attr.length);
        if (s[p] !== '=') fail();
        p = space(p + 1);
        const quote = s[p] === '"' || s[p] === "'" ? s[p]! : fail();
        const close = s.indexOf(quote, p + 1);
        if (close < 0) fail();
        const raw = s.slice(p + 1, close);
        if (raw.includes('<')) fail();
        if (attributes.some(([n]) => n === attr)) fail();
        attributes.push([attr, text(raw)]);
        at = close + 1;
      }
      i = at;
      const parent = stack.at(-1)?.scope ?? new Map([['xml', XML_NAMESPACE]]);
      let scope: ReadonlyMap<string, string> = parent;
      if (attributes.some(([n]) => n === 'xmlns' || n.startsWith('xmlns:'))) {
        const own = new Map(parent);
        for (const [n, v] of attributes) {
          if (n === 'xmlns') own.set('', v);
          else if (n.startsWith('xmlns:')) own.set(n.slice(6), v);
        }
        scope = own;
      }
      const colon = tag.indexOf(':');
      const local = colon < 0 ? tag : tag.slice(colon + 1);
      const depth = stack.length + 1;
      if (depth === 1) {
        if (rootSeen) fail();
        rootSeen = true;
        const ns = scope.get(colon < 0 ? '' : tag.slice(0, colon)) || null;
        if (local !== 'jobs' || !isUwsNamespace(ns)) fail();
      } else if (depth === 2 && local === 'jobref') {
        // A jobref with neither id nor href: the general path says so.
        if (!(leanAttribute(attributes, 'id') ?? '').trim() && !leanAttribute(attributes, 'href')) fail();
        ref = { attributes, fields: new Map() };
      } else if (depth === 3 && ref && FIELDS.has(local) && !ref.fields.has(local)) {
        const found = { text: '', nil: isNil(attributes) };
        ref.fields.set(local, found);
        if (!selfClosing) {
          field = found;
          fieldDepth = depth;
        }
      }
      if (selfClosing) {
        if (depth === 2 && ref) {
          refs.push(ref);
          ref = null;
        }
        if (depth === 1) rootDone = true;
      } else {
        stack.push({ name: tag, scope });
      }
    }
  }
  if (!rootDone || stack.length > 0) fail();
  return refs;
}
