/**
 * Reading a UWS job list (`<uws:jobs>` with `<uws:jobref>` entries).
 */
import { ProtocolError } from '../http/errors';
import { parseIsoDate } from './iso-date';
import { expectRoot, optionalText, resolveHref } from './parse-job';
import { parsePhase } from './plain-text';
import type { JobRef } from './types';
import { attribute, childElements, firstChild, parseXml, snippet, textContent } from './xml';

function listBase(documentUrl: string): string {
  try {
    const parsed = new URL(documentUrl);
    parsed.search = '';
    parsed.hash = '';
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    return parsed.toString();
  } catch {
    return documentUrl;
  }
}

/** Read a UWS job list. Relative hrefs are resolved against `documentUrl`. */
export function parseJobList(xml: string, documentUrl: string): JobRef[] {
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
    return {
      jobId: jobId || lastSegment(resolveHref(href ?? '', documentUrl)),
      // Without an href, UWS puts the job at {jobs}/{job-id}.
      href: href ? resolveHref(href, documentUrl) : resolveHref(encodeURIComponent(jobId), listBase(documentUrl)),
      phase: (phaseElement ? parsePhase(textContent(phaseElement)) : null) ?? 'UNKNOWN',
      runId: optionalText(element, 'runId'),
      ownerId: optionalText(element, 'ownerId'),
      creationTime: parseIsoDate(optionalText(element, 'creationTime')),
    };
  });
}

function lastSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
  } catch {
    return url;
  }
}
