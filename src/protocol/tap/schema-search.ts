/**
 * Search a large service's tables and columns on the service itself: a
 * case-insensitive match of every word of the search in TAP_SCHEMA names and
 * descriptions (and column UCDs), at most `limit` hits of each kind.
 */
import type { Transport } from '../http/transport';
import { adqlString, str, syncRows } from './sync-rows';
import { columnFromRow } from './tap-schema';
import type { TapColumn, TapTable } from './tables';

export interface SchemaSearchHits {
  tables: TapTable[];
  columns: { table: string; column: TapColumn }[];
  /** More tables (columns) match than were returned. */
  tablesCut: boolean;
  columnsCut: boolean;
}

/** The words of a search, lower-cased; empty when there is nothing to look for. */
export function searchWords(term: string): string[] {
  return term.toLowerCase().split(/\s+/).filter(Boolean);
}

/** An ADQL condition: each word in one of the columns (LIKE has no escape in ADQL, so `_` and `%` match loosely; hits are checked again here). */
export function wordsCondition(words: readonly string[], columns: readonly string[]): string {
  return words.map((w) => `(${columns.map((c) => `LOWER(${c}) LIKE ${adqlString(`%${w}%`)}`).join(' OR ')})`).join(' AND ');
}

const containsAll = (words: readonly string[], ...texts: string[]) => {
  const hay = texts.join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
};

export async function searchTapSchema(
  tapUrl: string,
  transport: Transport,
  term: string,
  opts: { signal?: AbortSignal; limit?: number } = {},
): Promise<SchemaSearchHits> {
  const words = searchWords(term);
  if (words.length === 0) return { tables: [], columns: [], tablesCut: false, columnsCut: false };
  const limit = opts.limit ?? 200;
  const { signal } = opts;
  const [tables, columns] = await Promise.all([
    syncRows(
      tapUrl,
      transport,
      `SELECT TOP ${limit + 1} schema_name, table_name, table_type, description FROM TAP_SCHEMA.tables WHERE ${wordsCondition(words, ['table_name', 'description'])} ORDER BY table_name`,
      { signal, maxrec: limit + 1 },
    ),
    syncRows(
      tapUrl,
      transport,
      `SELECT TOP ${limit + 1} * FROM TAP_SCHEMA.columns WHERE ${wordsCondition(words, ['column_name', 'description', 'ucd'])} ORDER BY table_name`,
      { signal, maxrec: limit + 1 },
    ),
  ]);
  const tableHits = tables.rows
    .map((row) => ({
      name: str(row['table_name']),
      schema: str(row['schema_name']),
      description: str(row['description']).replace(/\s+/g, ' '),
      type: str(row['table_type']).toLowerCase() || 'table',
      columns: null,
      foreignKeys: [],
    }))
    .filter((t) => t.name && containsAll(words, t.name, t.description));
  const columnHits = columns.rows
    .map((row) => ({ table: str(row['table_name']), column: columnFromRow(row) }))
    .filter((h) => h.table && containsAll(words, h.column.name, h.column.description, h.column.ucd));
  return {
    tables: tableHits.slice(0, limit),
    columns: columnHits.slice(0, limit),
    tablesCut: tables.rows.length > limit || tables.overflow,
    columnsCut: columns.rows.length > limit || columns.overflow,
  };
}
