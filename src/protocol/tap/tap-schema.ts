/**
 * The table metadata read from TAP_SCHEMA (TAP 1.1 §4) with sync queries,
 * into the same model as VOSI /tables: for services whose /tables is missing,
 * broken or unreadable. Tables are read page by page (ADQL 2.1 OFFSET) where
 * the service cuts them; columns and foreign keys come with them for a small
 * service, and one table at a time otherwise.
 */
import type { Transport } from '../http/transport';
import type { Cell } from '../votable/types';
import { adqlString, flag, str, syncRows } from './sync-rows';
import type { TapColumn, TapForeignKey, TapSchema, TapTable } from './tables';

export interface TapSchemaTableset {
  schemas: TapSchema[];
  /** The service would not give every table (it cut the list and could not page on). */
  truncated: boolean;
}

type Row = Record<string, Cell>;

/** Rows asked for per page; a service may cut them to its own limit (then the next page starts where it stopped). */
const PAGE = 50_000;
/** At most this many pages of tables (a limit against a service that never stops overflowing). */
const MAX_PAGES = 20;

/** A TAP_SCHEMA.columns row as a column of the model; TAP 1.0 services give ADQL types and `size`, 1.1 VOTable types and `arraysize`. */
export function columnFromRow(row: Row): TapColumn {
  const base = str(row['datatype']);
  const arraysize = str(row['arraysize']) || (row['size'] !== undefined && row['size'] !== null && /^(char|unicodechar)$/i.test(base) ? str(row['size']) : '');
  return {
    name: str(row['column_name']),
    description: str(row['description']).replace(/\s+/g, ' '),
    unit: str(row['unit']),
    ucd: str(row['ucd']),
    datatype: base && arraysize && arraysize !== '1' ? `${base}(${arraysize})` : base,
    indexed: flag(row['indexed']),
    principal: flag(row['principal']),
    primary: false,
  };
}

/** Columns in the service's order (column_index where given, else as sent). */
function orderedColumns(rows: readonly Row[]): TapColumn[] {
  const index = (row: Row) => {
    const n = Number(row['column_index']);
    return row['column_index'] === null || row['column_index'] === undefined || !Number.isFinite(n) ? Infinity : n;
  };
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => index(a.row) - index(b.row) || a.i - b.i)
    .map(({ row }) => columnFromRow(row));
}

function foreignKeysFrom(keys: readonly Row[], keyColumns: readonly Row[]): Map<string, TapForeignKey[]> {
  const columnsOf = new Map<string, { from: string; target: string }[]>();
  for (const kc of keyColumns) {
    const id = str(kc['key_id']);
    const list = columnsOf.get(id) ?? [];
    list.push({ from: str(kc['from_column']), target: str(kc['target_column']) });
    columnsOf.set(id, list);
  }
  const byTable = new Map<string, TapForeignKey[]>();
  for (const key of keys) {
    const from = str(key['from_table']);
    const list = byTable.get(from) ?? [];
    list.push({ targetTable: str(key['target_table']), columns: columnsOf.get(str(key['key_id'])) ?? [], description: str(key['description']) });
    byTable.set(from, list);
  }
  return byTable;
}

const tableFromRow = (row: Row): TapTable => ({
  name: str(row['table_name']),
  schema: str(row['schema_name']),
  description: str(row['description']).replace(/\s+/g, ' '),
  type: str(row['table_type']).toLowerCase() || 'table',
  columns: null,
  foreignKeys: [],
});

async function allTables(tapUrl: string, transport: Transport, signal: AbortSignal | undefined): Promise<{ rows: Row[]; truncated: boolean }> {
  const base = 'SELECT schema_name, table_name, table_type, description FROM TAP_SCHEMA.tables ORDER BY schema_name, table_name';
  const first = await syncRows(tapUrl, transport, base, { signal, maxrec: PAGE });
  const rows = [...first.rows];
  let overflow = first.overflow;
  for (let page = 1; overflow && page < MAX_PAGES; page++) {
    try {
      const next = await syncRows(tapUrl, transport, `${base} OFFSET ${rows.length}`, { signal, maxrec: PAGE });
      if (next.rows.length === 0) break;
      rows.push(...next.rows);
      overflow = next.overflow;
    } catch (error) {
      if (signal?.aborted) throw error;
      // A service without ADQL 2.1 OFFSET: keep the tables it gave.
      break;
    }
  }
  return { rows, truncated: overflow };
}

/**
 * Schemas and tables from TAP_SCHEMA; with columns and foreign keys too when
 * there are at most `columnsUpTo` tables (else they stay null, for getTapSchemaTable).
 */
export async function getTapSchemaTableset(
  tapUrl: string,
  transport: Transport,
  opts: { signal?: AbortSignal; columnsUpTo?: number } = {},
): Promise<TapSchemaTableset> {
  const { signal } = opts;
  const [schemaRows, tableRows] = await Promise.all([
    // The schemas' descriptions are a nicety: without them the tables still serve.
    syncRows(tapUrl, transport, 'SELECT * FROM TAP_SCHEMA.schemas', { signal, maxrec: PAGE }).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return { rows: [] as Row[], overflow: false };
    }),
    allTables(tapUrl, transport, signal),
  ]);
  const tables = tableRows.rows.map(tableFromRow).filter((t) => t.name);
  if (tables.length <= (opts.columnsUpTo ?? 300)) {
    // Without the columns in one go (too many, or refused), they come one table at a time.
    const columns = await syncRows(tapUrl, transport, 'SELECT * FROM TAP_SCHEMA.columns', { signal, maxrec: PAGE }).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return null;
    });
    if (columns && !columns.overflow) {
      const [keys, keyColumns] = await Promise.all([
        syncRows(tapUrl, transport, 'SELECT * FROM TAP_SCHEMA.keys', { signal, maxrec: PAGE }).catch(() => ({ rows: [] as Row[] })),
        syncRows(tapUrl, transport, 'SELECT * FROM TAP_SCHEMA.key_columns', { signal, maxrec: PAGE }).catch(() => ({ rows: [] as Row[] })),
      ]);
      const byTable = new Map<string, Row[]>();
      for (const row of columns.rows) {
        const name = str(row['table_name']);
        const list = byTable.get(name);
        if (list) list.push(row);
        else byTable.set(name, [row]);
      }
      const fks = foreignKeysFrom(keys.rows, keyColumns.rows);
      for (const table of tables) {
        table.columns = orderedColumns(byTable.get(table.name) ?? []);
        table.foreignKeys = fks.get(table.name) ?? [];
      }
    }
  }
  const schemas = new Map<string, TapSchema>();
  for (const row of schemaRows.rows) {
    const name = str(row['schema_name']);
    if (name) schemas.set(name, { name, description: str(row['description']).replace(/\s+/g, ' '), tables: [] });
  }
  for (const table of tables) {
    let schema = schemas.get(table.schema);
    if (!schema) {
      schema = { name: table.schema, description: '', tables: [] };
      schemas.set(table.schema, schema);
    }
    schema.tables.push(table);
  }
  return { schemas: [...schemas.values()].filter((s) => s.tables.length > 0), truncated: tableRows.truncated };
}

/** One table's columns and foreign keys from TAP_SCHEMA. */
export async function getTapSchemaTable(
  tapUrl: string,
  transport: Transport,
  table: Pick<TapTable, 'name' | 'schema'> & Partial<TapTable>,
  opts: { signal?: AbortSignal } = {},
): Promise<TapTable> {
  const { signal } = opts;
  const name = adqlString(table.name);
  const [columns, keys] = await Promise.all([
    syncRows(tapUrl, transport, `SELECT * FROM TAP_SCHEMA.columns WHERE table_name = ${name}`, { signal, maxrec: PAGE }),
    syncRows(tapUrl, transport, `SELECT * FROM TAP_SCHEMA.keys WHERE from_table = ${name}`, { signal, maxrec: PAGE }).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return { rows: [] as Row[] };
    }),
  ]);
  let keyColumns: Row[] = [];
  const ids = keys.rows.map((k) => str(k['key_id'])).filter(Boolean);
  if (ids.length > 0) {
    keyColumns = await syncRows(tapUrl, transport, `SELECT * FROM TAP_SCHEMA.key_columns WHERE key_id IN (${ids.map(adqlString).join(', ')})`, { signal, maxrec: PAGE })
      .then((r) => r.rows)
      .catch((error: unknown) => {
        if (signal?.aborted) throw error;
        return [];
      });
  }
  return {
    name: table.name,
    schema: table.schema,
    description: table.description ?? '',
    type: table.type ?? 'table',
    columns: orderedColumns(columns.rows),
    foreignKeys: foreignKeysFrom(keys.rows, keyColumns).get(table.name) ?? [],
  };
}
