/**
 * Safe, namespace-aware reading of the small XML documents VO services send
 * (UWS job and job list, VOSI availability and capabilities).
 *
 * fast-xml-parser runs with entity processing switched off, so it never
 * expands anything; the five predefined entities and numeric character
 * references are decoded here, and documents with a DOCTYPE or entity
 * declarations are refused before they reach the parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ProtocolError, ServiceReportedError } from '../http/errors';
import type { TransportResponse } from '../http/transport';
import { decodeXmlText, findVoTableError } from '../http/votable-error';

export interface XmlElement {
  /** Qualified name as written (`uws:job`). */
  name: string;
  /** Local name (`job`). */
  local: string;
  /** Namespace URI, or null when the element is in no namespace. */
  ns: string | null;
  /** Attributes by qualified name, values decoded. Namespace declarations are kept. */
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | { text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const HTML_START = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const DOCTYPE_OR_ENTITY = /<!(?:DOCTYPE|ENTITY)\b/i;

/** At most 200 characters of a body, for messages. */
export function snippet(text: string): string {
  return text.slice(0, 200);
}

function quoted(text: string): string {
  const head = snippet(text).trim();
  return head ? ` It began: ${JSON.stringify(head)}` : '';
}

/**
 * Parse a service document, or throw a ProtocolError that says what was
 * received (HTML page, empty body, not XML, DOCTYPE) or a ServiceReportedError
 * for a VOTable error document. `expected` names the document for messages.
 */
export function parseXml(text: string, documentUrl: string, expected: string): XmlElement {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const options = { url: documentUrl, received: body };
  if (body.trim() === '') {
    throw new ProtocolError(`Expected ${expected}, but the service sent an empty body.`, options);
  }
  if (HTML_START.test(body)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
    throw new ProtocolError(
      `Expected ${expected}, but the service sent an HTML page${title ? ` titled ${JSON.stringify(decodeXmlText(title))}` : ''}.${quoted(body)}`,
      options,
    );
  }
  const voTableError = findVoTableError(body);
  if (voTableError !== null) {
    throw new ServiceReportedError(voTableError, { url: documentUrl });
  }
  if (DOCTYPE_OR_ENTITY.test(body.includes('<![CDATA[') ? body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '') : body)) {
    throw new ProtocolError(
      `Expected ${expected}, but the service sent XML with a DOCTYPE or entity declarations, which is refused.${quoted(body)}`,
      options,
    );
  }
  if (!body.trimStart().startsWith('<')) {
    throw new ProtocolError(`Expected ${expected}, but the service sent something that is not XML.${quoted(body)}`, options);
  }
  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    throw new ProtocolError(
      `Expected ${expected}, but the service sent XML that is not well-formed (line ${validation.err.line}: ${validation.err.msg}).${quoted(body)}`,
      options,
    );
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(body);
  } catch (error) {
    throw new ProtocolError(`Expected ${expected}, but the XML could not be read.${quoted(body)}`, { ...options, cause: error });
  }
  const root = toElements(parsed, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])).find(isElement);
  if (!root) {
    throw new ProtocolError(`Expected ${expected}, but the document has no root element.${quoted(body)}`, options);
  }
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'local' in node;
}

type RawNode = Record<string, unknown>;

function toElements(raw: unknown, scope: ReadonlyMap<string, string>): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: XmlNode[] = [];
  for (const item of raw as RawNode[]) {
    const keys = Object.keys(item).filter((key) => key !== ':@');
    const key = keys[0];
    if (key === undefined || key === '#comment') continue;
    if (key === '#text') {
      nodes.push({ text: decodeXmlText(String(item[key])) });
      continue;
    }
    if (key === '#cdata') {
      const inner = item[key];
      const text = Array.isArray(inner) ? inner.map((part: RawNode) => String(part['#text'] ?? '')).join('') : '';
      nodes.push({ text });
      continue;
    }
    if (key.startsWith('?') || key.startsWith('!')) continue;
    const rawAttributes = (item[':@'] ?? {}) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    const childScope = new Map(scope);
    for (const [name, value] of Object.entries(rawAttributes)) {
      const decoded = decodeXmlText(String(value));
      attributes[name] = decoded;
      if (name === 'xmlns') childScope.set('', decoded);
      else if (name.startsWith('xmlns:')) childScope.set(name.slice(6), decoded);
    }
    const colon = key.indexOf(':');
    const prefix = colon < 0 ? '' : key.slice(0, colon);
    const local = colon < 0 ? key : key.slice(colon + 1);
    const ns = childScope.get(prefix) || null;
    nodes.push({ name: key, local, ns, attributes, children: toElements(item[key], childScope) });
  }
  return nodes;
}

/** Child elements, optionally only those with the given local name (any namespace, any case if asked). */
export function childElements(element: XmlElement, local?: string, ignoreCase = false): XmlElement[] {
  const wanted = ignoreCase ? local?.toLowerCase() : local;
  return element.children.filter(
    (node): node is XmlElement => isElement(node) && (wanted === undefined || (ignoreCase ? node.local.toLowerCase() : node.local) === wanted),
  );
}

export function firstChild(element: XmlElement, local: string, ignoreCase = false): XmlElement | undefined {
  return childElements(element, local, ignoreCase)[0];
}

/** All descendant elements with the given local name, in document order. */
export function descendants(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (child.local === local) found.push(child);
    found.push(...descendants(child, local));
  }
  return found;
}

/** Text content of an element and its descendants. */
export function textContent(element: XmlElement): string {
  return element.children.map((node) => (isElement(node) ? textContent(node) : node.text)).join('');
}

/** An attribute by local name, whatever its prefix (namespace declarations excluded). */
export function attribute(element: XmlElement, local: string): string | undefined {
  if (local in element.attributes) return element.attributes[local];
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name.startsWith('xmlns')) continue;
    const colon = name.indexOf(':');
    if (colon >= 0 && name.slice(colon + 1) === local) return value;
  }
  return undefined;
}

/** True for an element marked xsi:nil="true". */
export function isNil(element: XmlElement): boolean {
  const nil = attribute(element, 'nil')?.trim();
  return nil === 'true' || nil === '1';
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** Serialise an element back to XML text (used to keep jobInfo content as the service sent it). */
export function serialize(node: XmlNode): string {
  if (!isElement(node)) return escapeText(node.text);
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (node.children.length === 0) return `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${node.children.map(serialize).join('')}</${node.name}>`;
}

/**
 * Run a document reader on a response body; a ProtocolError it raises is
 * raised again with the HTTP status and content type of the response.
 */
export function readDocument<T>(read: (text: string, url: string) => T, text: string, response: Pick<TransportResponse, 'status' | 'contentType' | 'url'>, url: string): T {
  try {
    return read(text, url);
  } catch (error) {
    if (error instanceof ProtocolError) {
      throw new ProtocolError(`${error.message} (HTTP ${response.status}, ${response.contentType ?? 'no content type'})`, {
        url: response.url || url,
        status: response.status,
        contentType: response.contentType,
        received: text,
        cause: error,
      });
    }
    throw error;
  }
}
