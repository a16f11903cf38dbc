/**
 * Reading a UWS job document (UWS 1.0 and 1.1, as real services write it).
 */
import { ProtocolError } from '../http/errors';
import { parseIsoDate } from './iso-date';
import { parsePhase, parsePlainValue } from './plain-text';
import type { UwsErrorSummary, UwsJob, UwsParameter, UwsResult } from './types';
import { attribute, childElements, firstChild, isNil, parseXml, serialize, snippet, textContent, type XmlElement } from './xml';

export const UWS_NAMESPACE = 'http://www.ivoa.net/xml/UWS/v1.0';

/** True for the UWS namespace, no namespace, or a UWS namespace some service invented. */
export function isUwsNamespace(ns: string | null): boolean {
  return ns === null || ns === UWS_NAMESPACE || /\/xml\/UWS\//i.test(ns);
}

/** Check the root element, or throw a ProtocolError naming what it is instead. */
export function expectRoot(root: XmlElement, local: string, text: string, documentUrl: string, expected: string): void {
  if (root.local === local && isUwsNamespace(root.ns)) return;
  const where = root.ns ? ` in namespace ${root.ns}` : '';
  throw new ProtocolError(
    `Expected ${expected}, but the service sent XML that is not UWS (root element <${root.name}>${where}). It began: ${JSON.stringify(snippet(text).trim())}`,
    { url: documentUrl, received: text },
  );
}

/** Text of an optional child: null when absent, nil, empty or NULL. */
export function optionalText(parent: XmlElement, local: string): string | null {
  const element = firstChild(parent, local);
  if (!element || isNil(element)) return null;
  return parsePlainValue(textContent(element));
}

function optionalDate(parent: XmlElement, local: string): Date | null {
  return parseIsoDate(optionalText(parent, local));
}

function optionalNumber(parent: XmlElement, local: string): number | null {
  const text = optionalText(parent, local);
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function flag(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase();
  return text === 'true' || text === '1';
}

/** Resolve an href against the document URL; keep it as given when that fails. */
export function resolveHref(href: string, documentUrl: string): string {
  try {
    return new URL(href.trim(), documentUrl).toString();
  } catch {
    return href.trim();
  }
}

function readParameters(job: XmlElement): UwsParameter[] {
  const container = firstChild(job, 'parameters');
  if (!container) return [];
  return childElements(container, 'parameter').map((element) => ({
    id: attribute(element, 'id') ?? attribute(element, 'ID') ?? '',
    value: isNil(element) ? '' : textContent(element).trim(),
    byReference: flag(attribute(element, 'byReference')),
    isPost: flag(attribute(element, 'isPost')),
  }));
}

function readResults(job: XmlElement, documentUrl: string): UwsResult[] {
  const container = firstChild(job, 'results');
  if (!container) return [];
  return childElements(container, 'result').map((element) => {
    const href = attribute(element, 'href');
    const size = attribute(element, 'size');
    const sizeNumber = size === undefined ? NaN : Number(size);
    const id = attribute(element, 'id') ?? '';
    return {
      id,
      href: href ? resolveHref(href, documentUrl) : resolveHref(`results/${encodeURIComponent(id)}`, withSlash(documentUrl)),
      type: attribute(element, 'type') ?? null,
      mimeType: attribute(element, 'mime-type') ?? attribute(element, 'mimeType') ?? null,
      size: Number.isFinite(sizeNumber) ? sizeNumber : null,
    };
  });
}

/** The URL as a directory (no query, no fragment, a trailing slash), for resolving names under it. */
export function withSlash(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    return parsed.toString();
  } catch {
    return url;
  }
}

function readErrorSummary(job: XmlElement): UwsErrorSummary | null {
  const element = firstChild(job, 'errorSummary');
  if (!element || isNil(element)) return null;
  const messageElement = firstChild(element, 'message');
  const message = (messageElement ? textContent(messageElement) : textContent(element)).trim();
  return {
    type: attribute(element, 'type')?.trim() || 'fatal',
    hasDetail: flag(attribute(element, 'hasDetail')),
    message,
  };
}

/** Declare an element's namespace on itself, so its text stands alone outside the job document. */
function withOwnNamespace(element: XmlElement): XmlElement {
  if (element.ns === null) return element;
  const colon = element.name.indexOf(':');
  const declaration = colon < 0 ? 'xmlns' : `xmlns:${element.name.slice(0, colon)}`;
  if (declaration in element.attributes) return element;
  return { ...element, attributes: { [declaration]: element.ns, ...element.attributes } };
}

function readJobInfo(job: XmlElement): string[] {
  const element = firstChild(job, 'jobInfo');
  if (!element || isNil(element)) return [];
  const children = childElements(element);
  if (children.length > 0) return children.map((child) => serialize(withOwnNamespace(child)));
  const text = textContent(element).trim();
  return text ? [text] : [];
}

/** The last segment of an absolute URL's path, decoded; `fallback` when the URL cannot be read. */
export function lastPathSegment(url: string, fallback: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    return decodeURIComponent(segments.at(-1) ?? '');
  } catch {
    return fallback;
  }
}

/** Read a UWS job document. Relative hrefs are resolved against `documentUrl`. */
export function parseJob(xml: string, documentUrl: string): UwsJob {
  const expected = 'a UWS job document';
  const root = parseXml(xml, documentUrl, expected);
  expectRoot(root, 'job', xml, documentUrl, expected);

  const phaseElement = firstChild(root, 'phase');
  const phase = phaseElement ? parsePhase(textContent(phaseElement)) : null;
  if (phase === null) {
    throw new ProtocolError(`The UWS job document has no phase. It began: ${JSON.stringify(snippet(xml).trim())}`, {
      url: documentUrl,
      received: xml,
    });
  }
  const jobId = optionalText(root, 'jobId') ?? lastPathSegment(documentUrl, '');
  if (!jobId) {
    throw new ProtocolError(`The UWS job document has no jobId. It began: ${JSON.stringify(snippet(xml).trim())}`, {
      url: documentUrl,
      received: xml,
    });
  }
  const version = attribute(root, 'version')?.trim();

  return {
    jobId,
    runId: optionalText(root, 'runId'),
    ownerId: optionalText(root, 'ownerId'),
    phase,
    quote: optionalDate(root, 'quote'),
    creationTime: optionalDate(root, 'creationTime'),
    startTime: optionalDate(root, 'startTime'),
    endTime: optionalDate(root, 'endTime'),
    executionDuration: optionalNumber(root, 'executionDuration'),
    destruction: optionalDate(root, 'destruction'),
    parameters: readParameters(root),
    results: readResults(root, documentUrl),
    errorSummary: readErrorSummary(root),
    jobInfo: readJobInfo(root),
    version: version === '1.1' ? '1.1' : version || '1.0',
    url: documentUrl,
  };
}
