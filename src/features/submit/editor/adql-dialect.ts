/**
 * ADQL 2.1 for the editor: its reserved words, its functions (mathematical,
 * geometric, string, conversion) and types, on CodeMirror's SQL language, and
 * the completion namespace built from a service's table metadata.
 */
import type { Completion, CompletionSource } from '@codemirror/autocomplete';
import { SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import type { TapFunction, TapSchema } from '../../../protocol/tap';

/** ADQL 2.1 reserved words that are not functions (section 2.1.2 and the SQL words it reserves). */
export const ADQL_KEYWORDS =
  'select top distinct all from where and or not as join inner outer left right full natural cross on using group by having order asc desc ' +
  'union intersect except in between like ilike is null exists case when then else end with offset any some true false escape ' +
  'fetch first next rows only';

/** ADQL 2.1 functions: mathematical, trigonometric, geometric, string, conversion and aggregates. */
export const ADQL_FUNCTIONS =
  'abs ceiling degrees exp floor log log10 mod pi power radians sqrt rand round truncate ' +
  'acos asin atan atan2 cos cot sin tan ' +
  'area box centroid circle contains coord1 coord2 coordsys distance intersects point polygon region ' +
  'lower upper in_unit cast coalesce ' +
  'avg count max min sum';

export const ADQL_TYPES = 'smallint integer bigint real double precision char varchar char varying national timestamp point circle polygon';

/** The ADQL dialect: ADQL's words plus the service's own functions, "…" quoting identifiers. */
export function adqlDialect(functions: readonly TapFunction[] = []): SQLDialect {
  const udfs = functions.map((f) => f.name.toLowerCase()).join(' ');
  return SQLDialect.define({
    keywords: ADQL_KEYWORDS,
    builtin: `${ADQL_FUNCTIONS} ${udfs}`.trim(),
    types: ADQL_TYPES,
    identifierQuotes: '"',
    caseInsensitiveIdentifiers: true,
    operatorChars: '*+-%<>!=|/',
  });
}

/** Completion entries for the service's functions, with their signatures. */
export function functionCompletions(functions: readonly TapFunction[]): Completion[] {
  return functions.map((f) => ({ label: f.name, type: 'function', detail: f.form, info: f.description || undefined, apply: `${f.name}(` }));
}

function columnCompletion(column: { name: string; datatype: string; unit: string; description: string }): Completion {
  const detail = [column.datatype, column.unit && `[${column.unit}]`].filter(Boolean).join(' ');
  return { label: column.name, type: 'property', detail: detail || undefined, info: column.description || undefined };
}

/** The part of a table name after its schema ("demo.stars" in schema "demo" gives "stars"). */
export function localTableName(table: string, schema: string): string {
  return schema && table.toLowerCase().startsWith(`${schema.toLowerCase()}.`) ? table.slice(schema.length + 1) : table;
}

/**
 * The namespace CodeMirror completes from: schema → table → columns, for the
 * tables whose columns are read. (CodeMirror builds it in time quadratic in
 * the tables of a schema, which a VizieR-sized service would pay with seconds
 * of a frozen page; the other tables complete through tableNameCompletions.)
 */
export function completionNamespace(schemas: readonly TapSchema[]): SQLNamespace {
  const top: Record<string, SQLNamespace> = {};
  for (const schema of schemas) {
    const tables: Record<string, SQLNamespace> = {};
    for (const table of schema.tables) {
      if (table.columns === null) continue;
      const columns = table.columns.map(columnCompletion);
      const self: Completion = { label: localTableName(table.name, schema.name), type: 'type', info: table.description || undefined };
      tables[localTableName(table.name, schema.name)] = { self, children: columns };
    }
    top[schema.name] = { self: { label: schema.name, type: 'namespace', info: schema.description || undefined }, children: tables };
  }
  return top;
}

/** After `schema.`, the names of that schema's tables whose columns are not read yet (any number of them, at once). */
export function tableNameCompletions(schemas: readonly TapSchema[]): CompletionSource {
  const bySchema = new Map<string, Completion[]>();
  for (const schema of schemas) {
    const names: Completion[] = [];
    for (const table of schema.tables) {
      if (table.columns === null) names.push({ label: localTableName(table.name, schema.name), type: 'type', info: table.description || undefined });
    }
    if (names.length > 0) bySchema.set(schema.name.toLowerCase(), names);
  }
  return (context) => {
    const word = context.matchBefore(/(?:"[^"]+"|[A-Za-z_][\w$]*)\.[\w$]*$/);
    if (!word) return null;
    const dot = word.text.lastIndexOf('.');
    const options = bySchema.get(word.text.slice(0, dot).replace(/"/g, '').toLowerCase());
    return options ? { from: word.from + dot + 1, options, validFor: /^[\w$]*$/ } : null;
  };
}
