/**
 * The schema browser's rows: schemas → tables → columns as one flat list (so
 * that only the rows in view are drawn, however many tables a service has),
 * opened and closed per schema and table, or filtered by a search term that
 * matches names, descriptions and UCDs.
 */
import type { SchemaSearchHits, TapColumn, TapSchema, TapTable } from '../../protocol/tap';

export type SchemaRow =
  | { kind: 'schema'; key: string; schema: TapSchema; open: boolean }
  | { kind: 'table'; key: string; table: TapTable; open: boolean }
  | { kind: 'column'; key: string; table: TapTable; column: TapColumn }
  | { kind: 'note'; key: string; text: string };

const matches = (term: string, ...texts: string[]) => texts.some((t) => t.toLowerCase().includes(term));

/** At most this many rows for a search, so a one-letter term on 30 000 tables stays quick. */
export const MAX_SEARCH_ROWS = 2000;

export function schemaRows(schemas: readonly TapSchema[], open: ReadonlySet<string>, search: string, loading: ReadonlySet<string> = new Set()): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const term = search.trim().toLowerCase();
  if (term) {
    for (const schema of schemas) {
      for (const table of schema.tables) {
        const columns = (table.columns ?? []).filter((c) => matches(term, c.name, c.description, c.ucd, c.unit));
        const tableMatches = matches(term, table.name, table.description);
        if (!tableMatches && columns.length === 0) continue;
        const isOpen = open.has(`t:${table.name}`);
        rows.push({ kind: 'table', key: `t:${table.name}`, table, open: isOpen });
        const shown = isOpen ? (table.columns ?? []) : columns;
        for (const column of shown) rows.push({ kind: 'column', key: `c:${table.name}.${column.name}`, table, column });
        if (rows.length >= MAX_SEARCH_ROWS) {
          rows.push({ kind: 'note', key: 'more', text: `More than ${MAX_SEARCH_ROWS} rows match; type more of the name or description.` });
          return rows;
        }
      }
    }
    return rows;
  }
  for (const schema of schemas) {
    const schemaOpen = open.has(`s:${schema.name}`);
    rows.push({ kind: 'schema', key: `s:${schema.name}`, schema, open: schemaOpen });
    if (!schemaOpen) continue;
    for (const table of schema.tables) {
      const tableOpen = open.has(`t:${table.name}`);
      rows.push({ kind: 'table', key: `t:${table.name}`, table, open: tableOpen });
      if (!tableOpen) continue;
      if (table.columns === null) {
        rows.push({ kind: 'note', key: `n:${table.name}`, text: loading.has(table.name.toLowerCase()) ? 'Reading the columns…' : 'The columns could not be read.' });
        continue;
      }
      for (const column of table.columns) rows.push({ kind: 'column', key: `c:${table.name}.${column.name}`, table, column });
    }
  }
  return rows;
}

/**
 * The rows of a search made on the service: each table that matches or has
 * matching columns, followed by those columns (by all its columns when it is
 * open and they are read), in the service's order of tables.
 */
export function searchHitRows(hits: SchemaSearchHits, known: ReadonlyMap<string, TapTable>, open: ReadonlySet<string>): SchemaRow[] {
  const order: TapTable[] = [];
  const columnsOf = new Map<string, TapColumn[]>();
  const tableOf = (name: string, fallback?: TapTable) => {
    const key = name.toLowerCase();
    if (!columnsOf.has(key)) {
      columnsOf.set(key, []);
      order.push(known.get(key) ?? fallback ?? { name, schema: name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '', description: '', type: 'table', columns: null, foreignKeys: [] });
    }
    return columnsOf.get(key)!;
  };
  for (const table of hits.tables) tableOf(table.name, table);
  for (const hit of hits.columns) tableOf(hit.table).push(hit.column);
  order.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows: SchemaRow[] = [];
  for (const table of order) {
    const isOpen = open.has(`t:${table.name}`);
    rows.push({ kind: 'table', key: `t:${table.name}`, table, open: isOpen });
    const shown = isOpen && table.columns ? table.columns : columnsOf.get(table.name.toLowerCase())!;
    for (const column of shown) rows.push({ kind: 'column', key: `c:${table.name}.${column.name}`, table, column });
  }
  return rows;
}

/** Tables open in the browser (their columns are read on demand). */
export function openTables(open: ReadonlySet<string>): string[] {
  return [...open].filter((k) => k.startsWith('t:')).map((k) => k.slice(2));
}

/** An ADQL identifier as written in a query: quoted when it is not a plain one. */
export function adqlName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const RESERVED_AFTER_TABLE = /^(where|join|inner|left|right|full|cross|natural|on|group|order|having|union|intersect|except|offset|using)$/i;

/** The alias a query gives a table (`FROM demo.stars AS s`, `JOIN demo.stars s`), or null. */
export function aliasInQuery(query: string, table: string): string | null {
  const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s,(])${escaped}\\s+(?:as\\s+)?([A-Za-z_][A-Za-z0-9_]*)`, 'i').exec(query);
  const alias = match?.[1];
  return alias && !RESERVED_AFTER_TABLE.test(alias) ? alias : null;
}

/** What inserting a row puts into the query: a table's qualified name, or a column qualified by its table's alias or name. */
export function insertionFor(row: SchemaRow, query: string): string | null {
  if (row.kind === 'table') return row.table.name;
  if (row.kind === 'column') return `${aliasInQuery(query, row.table.name) ?? row.table.name}.${adqlName(row.column.name)}`;
  if (row.kind === 'schema') return row.schema.name;
  return null;
}
