/** Name resolution: the tables and subqueries of each FROM clause, and the columns a query refers to. */
import type { ColumnMeta, TableMeta } from '../catalogue.ts';
import type { Expr, Ident } from './ast.ts';
import { AdqlError } from './lexer.ts';

export interface SourceColumn {
  name: string;
  sql: string;
  meta?: ColumnMeta;
}

export interface Source {
  sqlAlias: string;
  alias?: Ident;
  table?: TableMeta;
  columns: SourceColumn[];
}

/** One query level: its FROM sources, the USING columns of its joins, and the enclosing query. */
export interface Level {
  sources: Source[];
  using: Set<string>;
  parent?: Level;
}

/** A quoted SQL identifier. */
export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const identText = (parts: Ident[]): string => parts.map((p) => (p.quoted ? `"${p.name}"` : p.name)).join('.');
export const same = (a: Ident, name: string): boolean => (a.quoted ? a.name === name : a.name.toLowerCase() === name.toLowerCase());

/** The FROM source a qualifier (table name or alias) names, in this query or an enclosing one. */
export function findSource(qualifier: Ident[], level: Level): Source {
  for (let l: Level | undefined = level; l; l = l.parent) {
    const s = l.sources.find((src) => matches(src, qualifier));
    if (s) return s;
  }
  throw new AdqlError(`ADQL: table or alias "${identText(qualifier)}" is not in the FROM clause`);
}

function matches(src: Source, qualifier: Ident[]): boolean {
  if (src.alias) return qualifier.length === 1 && same(qualifier[0]!, src.alias.name);
  if (!src.table) return false;
  const full = src.table.name;
  if (qualifier.length === 1) return qualifier[0]!.name.toLowerCase() === full.split('.').pop()!.toLowerCase();
  return qualifier.map((p) => p.name).join('.').toLowerCase() === full.toLowerCase();
}

/** Add a FROM source, refusing a second one with the same name or alias. */
export function addSource(level: Level, src: Source): void {
  const clash = level.sources.find((s) => {
    if (src.alias && s.alias) return s.alias.name.toLowerCase() === src.alias.name.toLowerCase();
    if (!src.alias && !s.alias && s.table && src.table) return s.table.name === src.table.name;
    return false;
  });
  if (clash) {
    throw new AdqlError(
      `ADQL: "${src.alias?.name ?? src.table?.name}" appears twice in FROM; give each occurrence its own alias`,
    );
  }
  level.sources.push(src);
}

/** The SQL of a column reference, or undefined when `e` is not one that resolves. */
export function tryColumn(e: Expr, level: Level): string | undefined {
  if (e.k !== 'col') return undefined;
  try {
    return resolveColumn(e, level).sql;
  } catch {
    return undefined;
  }
}

/** A column reference resolved against the FROM sources, innermost query first; ambiguity is an error. */
export function resolveColumn(e: Expr & { k: 'col' }, level: Level): { sql: string; name: string; meta?: ColumnMeta } {
  const col = e.parts[e.parts.length - 1]!;
  if (e.parts.length > 1) {
    const src = findSource(e.parts.slice(0, -1), level);
    const c = src.columns.find((sc) => same(col, sc.name));
    if (!c) throw new AdqlError(`ADQL: column "${identText(e.parts)}" does not exist`);
    return { sql: `${src.sqlAlias}.${c.sql}`, name: c.name, meta: c.meta };
  }
  for (let l: Level | undefined = level; l; l = l.parent) {
    const hits: { src: Source; c: SourceColumn }[] = [];
    for (const src of l.sources) for (const c of src.columns) if (same(col, c.name)) hits.push({ src, c });
    if (hits.length === 1) {
      const h = hits[0]!;
      return { sql: `${h.src.sqlAlias}.${h.c.sql}`, name: h.c.name, meta: h.c.meta };
    }
    if (hits.length > 1) {
      const h = hits[0]!;
      if (l.using.has(h.c.name.toLowerCase())) return { sql: h.c.sql, name: h.c.name, meta: h.c.meta };
      throw new AdqlError(`ADQL: column name "${col.name}" is ambiguous; qualify it with a table name or alias`);
    }
  }
  throw new AdqlError(`ADQL: column "${col.name}" does not exist in the tables of the FROM clause`);
}
