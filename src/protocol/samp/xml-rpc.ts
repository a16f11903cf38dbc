/**
 * The XML-RPC dialect SAMP speaks (SAMP 1.3 §3.4/§4.5): every value is a
 * string, a list or a map. Other XML-RPC types a hub might send (int,
 * boolean, double) are read as their text, as the SAMP spec asks clients to
 * treat them.
 */
import { ProtocolError } from '../http/errors';
import { childElements, firstChild, isElement, parseXml, textContent, type XmlElement } from '../uws/xml';

export type SampValue = string | SampValue[] | { [key: string]: SampValue };
export type SampMap = { [key: string]: SampValue };

/** A fault the hub answered with (`faultString`), e.g. an unknown key or a refused MType. */
export class SampFault extends Error {
  override name = 'SampFault';
  constructor(
    readonly faultString: string,
    readonly faultCode: string,
  ) {
    super(`The SAMP hub refused the call: ${faultString}`);
  }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  // XML 1.0 cannot carry most C0 controls at all; SAMP strings never need them.
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    out += XML_ESCAPES[ch] ?? ch;
  }
  return out;
}

function encodeValue(value: SampValue): string {
  if (typeof value === 'string') return `<value><string>${escapeXml(value)}</string></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
  const members = Object.entries(value)
    .map(([name, v]) => `<member><name>${escapeXml(name)}</name>${encodeValue(v)}</member>`)
    .join('');
  return `<value><struct>${members}</struct></value>`;
}

export function encodeCall(method: string, params: readonly SampValue[]): string {
  const body = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${body}</params></methodCall>`;
}

function decodeValue(value: XmlElement, url: string): SampValue {
  const typed = value.children.find(isElement);
  if (!typed) return textContent(value);
  switch (typed.local) {
    case 'array': {
      const data = firstChild(typed, 'data');
      return data ? childElements(data, 'value').map((v) => decodeValue(v, url)) : [];
    }
    case 'struct': {
      const map: SampMap = {};
      for (const member of childElements(typed, 'member')) {
        const name = firstChild(member, 'name');
        const v = firstChild(member, 'value');
        if (name && v) map[textContent(name)] = decodeValue(v, url);
      }
      return map;
    }
    case 'string':
    case 'int':
    case 'i4':
    case 'i8':
    case 'boolean':
    case 'double':
    case 'dateTime.iso8601':
      return textContent(typed);
    case 'nil':
      return '';
    default:
      throw new ProtocolError(`The SAMP hub sent an XML-RPC value of type <${typed.local}>, which SAMP does not use.`, { url });
  }
}

/** Read a methodResponse: its one value, or throw SampFault / ProtocolError. */
export function decodeResponse(text: string, url: string): SampValue {
  const root = parseXml(text, url, 'an XML-RPC response from the SAMP hub');
  if (root.local !== 'methodResponse') {
    throw new ProtocolError(`Expected an XML-RPC methodResponse from the SAMP hub, got <${root.local}>.`, { url });
  }
  const fault = firstChild(root, 'fault');
  if (fault) {
    const v = firstChild(fault, 'value');
    const decoded = v ? decodeValue(v, url) : {};
    const map = typeof decoded === 'object' && !Array.isArray(decoded) ? decoded : {};
    const str = typeof map.faultString === 'string' ? map.faultString : 'no reason given';
    const code = typeof map.faultCode === 'string' ? map.faultCode : '';
    throw new SampFault(str, code);
  }
  const params = firstChild(root, 'params');
  const param = params && firstChild(params, 'param');
  const value = param && firstChild(param, 'value');
  // A method with no result (SAMP's void) may answer with an empty params list.
  return value ? decodeValue(value, url) : '';
}
