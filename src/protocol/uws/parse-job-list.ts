/**
 * Reading a UWS job list (`<uws:jobs>` with `<uws:jobref>` entries).
 */
import { ProtocolError } from '../http/errors';
import { parseIsoDate } from './iso-date';
import { leanAttribute, readJobListLean } from './lean-job-list';
import { expectRoot, lastPathSegment, optionalText, resolveHref, withSlash } from './parse-job';
import { parsePhase, parsePlainValue } from './plain-text';
import type { JobRef } from './types';
import { attribute, childElements, firstChild, parseXml, snippet, textContent } from './xml';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/**
 * An absolute http(s) URL already in the form the URL parser writes: a
 * lower-case host name or dotted-quad address, no default port, path
 * segments of unreserved characters and escapes (none starting with a dot),
 * no query or fragment. Such an href resolves to itself; a 10 000-job list
 * is mostly made of them, and parsing each costs more than the rest of the
 * list together.
 */
const CANONICAL = new RegExp(
  `^(https?)://(?:${OCTET}(?:\\.${OCTET}){3}|(?:[a-z0-9-]+\\.)*[a-z-][a-z0-9-]*)(?::([1-9]\\d{0,4}))?(?:/[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*)*/?$`,
);

function resolveJobHref(href: string, documentUrl: string): string {
  const m = CANONICAL.exec(href);
  const canonical =
    m !== null &&
    href.indexOf('/', m[1]!.length + 3) > 0 &&
    // A default port is dropped, an escaped dot can be a dot segment: the parser writes those otherwise.
    m[2] !== (m[1] === 'http' ? '80' : '443') &&
    !(m[2] && Number(m[2]) > 65535) &&
    !/%2e/i.test(href);
  if (canonical) return href;
  return resolveHref(href, documentUrl);
}

/** A job's URL: its href resolved, or, without one, {jobs}/{job-id} as UWS puts it. */
function jobUrl(jobId: string, href: string | undefined, documentUrl: string): string {
  return href ? resolveHref(href, documentUrl) : resolveHref(encodeURIComponent(jobId), withSlash(documentUrl));
}

/** The last list read from each of a few URLs: a list read again unchanged is not parsed again. */
const lastRead = new Map<string, { xml: string; refs: readonly JobRef[] }>();
const LAST_READ_URLS = 8;

/**
 * Read a UWS job list. Relative hrefs are resolved against `documentUrl`.
 * A well-formed list is read in one lean pass (10 000 jobs in tens of
 * milliseconds), and the same text from the same URL as last time gives the
 * same jobs without a second pass; anything else goes through the general
 * XML reader, which says what is wrong.
 */
/** For tests: the href fast path against the URL parser. */
export const resolveJobHrefForTest = resolveJobHref;

export function parseJobList(xml: string, documentUrl: string): JobRef[] {
  const last = lastRead.get(documentUrl);
  if (last && last.xml === xml) return last.refs.map((ref) => ({ ...ref }));
  const refs = parseJobListOnce(xml, documentUrl);
  lastRead.delete(documentUrl);
  if (lastRead.size >= LAST_READ_URLS) lastRead.delete(lastRead.keys().next().value!);
  lastRead.set(documentUrl, { xml, refs: refs.map((ref) => ({ ...ref })) });
  return refs;
}

function parseJobListOnce(xml: string, documentUrl: string): JobRef[] {
  const lean = readJobListLean(xml);
  if (lean === null) return parseJobListGeneral(xml, documentUrl);
  const base = withSlash(documentUrl);
  return lean.map(({ attributes, fields }) => {
    const jobId = (leanAttribute(attributes, 'id') ?? '').trim();
    const href = leanAttribute(attributes, 'href');
    const url = href ? resolveJobHref(href, documentUrl) : resolveHref(encodeURIComponent(jobId), base);
    const phase = fields.get('phase');
    const optional = (local: string) => {
      const field = fields.get(local);
      return !field || field.nil ? null : parsePlainValue(field.text);
    };
    return {
      jobId: jobId || lastPathSegment(url, url),
      href: url,
      phase: (phase ? parsePhase(phase.text) : null) ?? 'UNKNOWN',
      runId: optional('runId'),
      ownerId: optional('ownerId'),
      creationTime: parseIsoDate(optional('creationTime')),
    };
  });
}

/** The general path: a full XML tree, and errors that say what was received. */
export function parseJobListGeneral(xml: string, documentUrl: string): JobRef[] {
  const expected = 'a UWS job list';
  const root = parseXml(xml, documentUrl, expected);
  expectRoot(root, 'jobs', xml, documentUrl, expected);
  return childElements(root, 'jobref').map((element) => {
    const jobId = (attribute(element, 'id') ?? '').trim();
    const href = attribute(element, 'href');
    if (!jobId && !href) {
      throw new ProtocolError(`A jobref in the UWS job list has neither an id nor an href. It began: ${JSON.stringify(snippet(xml).trim())}`, {
        url: documentUrl,
        received: xml,
      });
    }
    const phaseElement = firstChild(element, 'phase');
    const url = jobUrl(jobId, href, documentUrl);
    return {
      jobId: jobId || lastPathSegment(url, url),
      href: url,
      phase: (phaseElement ? parsePhase(textContent(phaseElement)) : null) ?? 'UNKNOWN',
      runId: optionalText(element, 'runId'),
      ownerId: optionalText(element, 'ownerId'),
      creationTime: parseIsoDate(optionalText(element, 'creationTime')),
    };
  });
}
