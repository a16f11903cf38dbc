/**
 * A small metadata query on a service's sync endpoint, read as plain rows:
 * for TAP_SCHEMA, whose tables every TAP service publishes. The answer is a
 * VOTable (the one format every service must offer) in any serialization.
 */
import { BadRequestError, HttpError, ProtocolError, ServiceReportedError } from '../http/errors';
import type { Transport } from '../http/transport';
import { findVoTableError } from '../http/votable-error';
import { parseVotable } from '../votable/parse-votable';
import { VotableError, type Cell } from '../votable/types';

export interface SyncRows {
  /** One record per row, keyed by the lower-cased FIELD name. */
  rows: Record<string, Cell>[];
  /** The service cut the result (QUERY_STATUS OVERFLOW): more rows exist. */
  overflow: boolean;
}

/** An ADQL string literal. */
export const adqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function syncRows(
  tapUrl: string,
  transport: Transport,
  query: string,
  opts: { signal?: AbortSignal; maxrec?: number } = {},
): Promise<SyncRows> {
  const url = `${tapUrl.replace(/\/+$/, '')}/sync`;
  let text: string;
  let at = url;
  try {
    const response = await transport.request(url, {
      method: 'POST',
      form: { REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query, RESPONSEFORMAT: 'votable', MAXREC: opts.maxrec },
      signal: opts.signal,
    });
    at = response.url || url;
    text = await response.text();
  } catch (error) {
    if (error instanceof HttpError && error.serviceMessage) throw new ServiceReportedError(error.serviceMessage, { url, status: error.status, cause: error });
    if (error instanceof BadRequestError && error.bodySnippet) throw new ServiceReportedError(error.bodySnippet, { url, status: error.status, cause: error });
    throw error;
  }
  const message = findVoTableError(text);
  if (message !== null) throw new ServiceReportedError(message, { url: at });
  let table;
  try {
    const document = parseVotable(text);
    table = document.tables[0];
    if (!table) throw new ProtocolError('The service answered the metadata query with a VOTable without a table.', { url: at, received: text });
    const fields = table.fields.map((f) => f.name.toLowerCase());
    const rows: Record<string, Cell>[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const row: Record<string, Cell> = {};
      for (let c = 0; c < fields.length; c++) row[fields[c]!] = table.cell(r, c);
      rows.push(row);
    }
    return { rows, overflow: document.queryStatus?.status.toUpperCase() === 'OVERFLOW' };
  } catch (error) {
    if (error instanceof VotableError) throw new ProtocolError(`The answer to a metadata query is not a readable VOTable: ${error.message}`, { url: at, received: text, cause: error });
    throw error;
  }
}

/** A cell as text ('' for null). */
export const str = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** A TAP_SCHEMA flag (an int 0/1, sometimes a boolean or a string). */
export const flag = (cell: Cell | undefined): boolean => cell === true || cell === 1 || cell === 1n || (typeof cell === 'string' && /^(1|t|true)$/i.test(cell.trim()));
