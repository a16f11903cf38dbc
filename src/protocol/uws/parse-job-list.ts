/**
 * Reading a UWS job list (`<uws:jobs>` with `<uws:jobref>` entries).
 */
import { ProtocolError } from '../http/errors';
import { parseIsoDate } from './iso-date';
import { expectRoot, lastPathSegment, optionalText, resolveHref, withSlash } from './parse-job';
import { parsePhase } from './plain-text';
import type { JobRef } from './types';
import { attribute, childElements, firstChild, parseXml, snippet, textContent } from './xml';

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
    // Without an href, UWS puts the job at {jobs}/{job-id}.
    const url = href ? resolveHref(href, documentUrl) : resolveHref(encodeURIComponent(jobId), withSlash(documentUrl));
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
