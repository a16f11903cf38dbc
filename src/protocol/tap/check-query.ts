/**
 * Check a query before creating a job: run it on the service's sync endpoint
 * with MAXREC=0. The answer is either the columns the query would return or
 * the service's own error, with the spot in the query it points at.
 */
import { BadRequestError, HttpError, ProtocolError } from '../http/errors';
import type { Transport } from '../http/transport';
import { findVoTableError } from '../http/votable-error';
import { attribute, descendants, parseXml, snippet } from '../uws/xml';
import { errorPosition, type QueryPosition } from './error-position';

export interface CheckedColumn {
  name: string;
  datatype: string;
  unit: string;
  ucd: string;
}

export type CheckResult =
  | { ok: true; columns: CheckedColumn[] }
  | { ok: false; message: string; position: QueryPosition | null };

/** The FIELDs of a VOTable: what a query with MAXREC=0 would return. */
export function parseResultColumns(xml: string, documentUrl: string): CheckedColumn[] {
  const root = parseXml(xml, documentUrl, 'a VOTable');
  if (root.local !== 'VOTABLE') {
    throw new ProtocolError(`Expected a VOTable, but received <${root.name}>. It began: ${JSON.stringify(snippet(xml).trim())}`, { url: documentUrl, received: xml });
  }
  return descendants(root, 'FIELD').map((field) => {
    const arraysize = attribute(field, 'arraysize');
    const datatype = attribute(field, 'datatype') ?? '';
    return {
      name: attribute(field, 'name') ?? attribute(field, 'ID') ?? '',
      datatype: arraysize && arraysize !== '1' ? `${datatype}(${arraysize})` : datatype,
      unit: attribute(field, 'unit') ?? '',
      ucd: attribute(field, 'ucd') ?? '',
    };
  });
}

export async function checkQuery(
  tapUrl: string,
  transport: Transport,
  input: { query: string; lang?: string },
  opts: { signal?: AbortSignal } = {},
): Promise<CheckResult> {
  const url = `${tapUrl.replace(/\/+$/, '')}/sync`;
  const refused = (message: string): CheckResult => ({ ok: false, message, position: errorPosition(message, input.query) });
  try {
    const response = await transport.request(url, {
      method: 'POST',
      form: { REQUEST: 'doQuery', LANG: input.lang || 'ADQL', QUERY: input.query, MAXREC: 0, RESPONSEFORMAT: 'votable' },
      signal: opts.signal,
    });
    const text = await response.text();
    const message = findVoTableError(text);
    if (message !== null) return refused(message);
    return { ok: true, columns: parseResultColumns(text, response.url || url) };
  } catch (error) {
    // A query the service refuses comes back as 400 with a VOTable error, or as another 4xx/5xx carrying one.
    if (error instanceof HttpError && error.serviceMessage) return refused(error.serviceMessage);
    if (error instanceof BadRequestError && error.bodySnippet) return refused(error.bodySnippet);
    throw error;
  }
}
