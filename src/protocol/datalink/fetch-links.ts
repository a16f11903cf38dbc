import { ProtocolError } from '../http/errors';
import type { Transport } from '../http/transport';
import { parseVotable } from '../votable/parse-votable';
import { readLinks, type DataLink } from './links';

const HTML = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!doctype\s+html|<html[\s>])/i;

/**
 * Fetch and read the links of one data set. A service that answers a web
 * browser with an HTML rendering of its links (DaCHS does, for any
 * User-Agent naming Mozilla) gets a ProtocolError saying so.
 */
export async function fetchLinks(transport: Transport, url: string, signal?: AbortSignal): Promise<DataLink[]> {
  const response = await transport.request(url, { signal, accept: 'application/x-votable+xml;content=datalink, application/x-votable+xml, text/xml' });
  const bytes = await response.bytes();
  const head = new TextDecoder().decode(bytes.subarray(0, 512));
  if ((response.contentType ?? '').toLowerCase().includes('html') || HTML.test(head)) {
    throw new ProtocolError(
      'The DataLink service sent a web page instead of a links document. Some services do this for every web browser; ' +
        'reaching the service through uws-desk’s proxy, which does not present itself as a browser, avoids it.',
      { url: response.url },
    );
  }
  return readLinks(parseVotable(bytes), response.url);
}
