/**
 * For tests: a TAP service that answers sync queries on TAP_SCHEMA from rows
 * in memory, understanding just the queries the client sends (the WHERE
 * equality, IN and LOWER(x) LIKE forms, TOP, OFFSET and MAXREC).
 */
import { fakeFetch, type FakeReply } from '../http/fake-fetch';

export type FakeRow = Record<string, string | number | null>;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A TABLEDATA VOTable of rows (all fields char, but for ints). */
export function votableOf(rows: readonly FakeRow[], overflow = false): string {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const numeric = (name: string) => rows.every((r) => r[name] === null || r[name] === undefined || typeof r[name] === 'number');
  const fields = names.map((n) => (numeric(n) ? `<FIELD name="${n}" datatype="int"><VALUES null="-999"/></FIELD>` : `<FIELD name="${n}" datatype="char" arraysize="*"/>`)).join('');
  const cell = (v: string | number | null | undefined, n: string) => `<TD>${v === null || v === undefined ? (numeric(n) ? '-999' : '') : escapeXml(String(v))}</TD>`;
  const tr = rows.map((r) => `<TR>${names.map((n) => cell(r[n], n)).join('')}</TR>`).join('');
  return `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE>${fields || '<FIELD name="x" datatype="int"/>'}<DATA><TABLEDATA>${tr}</TABLEDATA></DATA></TABLE>${overflow ? '<INFO name="QUERY_STATUS" value="OVERFLOW"/>' : ''}</RESOURCE></VOTABLE>`;
}

export interface FakeTapSchema {
  tables: Record<string, FakeRow[]>;
  /** The service's own MAXREC cut (default none). */
  hardLimit?: number;
  /** Answer OFFSET queries with an error (an ADQL 2.0 service). */
  noOffset?: boolean;
  /** Other paths (e.g. /tables): a reply, or undefined for 404. */
  other?: (url: string) => FakeReply | undefined;
}

function matches(row: FakeRow, where: string): boolean {
  return where.split(/\s+AND\s+(?=\(|\w+\s*=|\w+\s+IN)/).every((part) => {
    const eq = /^(\w+)\s*=\s*'((?:[^']|'')*)'$/.exec(part.trim());
    if (eq) return String(row[eq[1]!] ?? '') === eq[2]!.replace(/''/g, "'");
    const inList = /^(\w+)\s+IN\s*\((.*)\)$/.exec(part.trim());
    if (inList) return [...inList[2]!.matchAll(/'((?:[^']|'')*)'/g)].some((m) => String(row[inList[1]!] ?? '') === m[1]!.replace(/''/g, "'"));
    const likes = [...part.matchAll(/LOWER\((\w+)\) LIKE '((?:[^']|'')*)'/g)];
    if (likes.length === 0) throw new Error(`fake TAP_SCHEMA cannot read: ${part}`);
    return likes.some((m) => {
      const pattern = m[2]!.replace(/''/g, "'").toLowerCase();
      const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
      return re.test(String(row[m[1]!] ?? '').toLowerCase());
    });
  });
}

export function fakeTapSchemaService(config: FakeTapSchema) {
  return fakeFetch((request) => {
    if (!request.url.endsWith('/sync')) return config.other?.(request.url) ?? { status: 404, body: 'Not found' };
    const query = String(request.form?.get('QUERY') ?? '');
    const maxrec = Number(request.form?.get('MAXREC') ?? Infinity);
    const m = /^SELECT\s+(?:TOP\s+(\d+)\s+)?(.+?)\s+FROM\s+TAP_SCHEMA\.(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER BY\s+[\w\s,]+?)?(?:\s+OFFSET\s+(\d+))?$/i.exec(query);
    const rows = m ? config.tables[m[3]!.toLowerCase()] : undefined;
    if (!m || !rows) {
      return { status: 400, body: votableError(`Could not parse or resolve: ${query}`), headers: { 'content-type': 'application/x-votable+xml' } };
    }
    if (m[5] && config.noOffset) return { status: 400, body: votableError('OFFSET is not supported (at char 90)'), headers: { 'content-type': 'application/x-votable+xml' } };
    let selected = m[4] ? rows.filter((r) => matches(r, m[4]!)) : rows;
    selected = selected.slice(Number(m[5] ?? 0));
    const limit = Math.min(m[1] ? Number(m[1]) : Infinity, maxrec, config.hardLimit ?? Infinity);
    const overflow = selected.length > limit && !(m[1] && Number(m[1]) === limit);
    const columns = m[2]!.trim() === '*' ? null : m[2]!.split(',').map((c) => c.trim());
    const shown = selected.slice(0, limit).map((r) => (columns ? Object.fromEntries(columns.map((c) => [c, r[c] ?? null])) : r));
    return { status: 200, body: votableOf(shown, overflow), headers: { 'content-type': 'application/x-votable+xml' } };
  });
}

export const votableError = (message: string) =>
  `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">${escapeXml(message)}</INFO></RESOURCE></VOTABLE>`;
