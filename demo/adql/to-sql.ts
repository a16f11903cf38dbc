/** Translates a parsed ADQL query into PostgreSQL, resolving names against the published tables. */
import { findTable, sqlName, type ColumnMeta, type TableMeta } from '../catalogue.ts';
import { AdqlError } from './lexer.ts';
import type { Expr, FromItem, Ident, Query, SelectItem } from './ast.ts';
import { CASTS, checkArity, FUNCTIONS } from './functions.ts';
import { geometryCall, geometryPredicate } from './geometry.ts';
import { parseAdql } from './parser.ts';
import { addSource, findSource, identText, q, resolveColumn, tryColumn, type Level, type Source } from './scope.ts';

export interface OutputColumn {
  name: string;
  /** Metadata when the column is a plain reference to a published column. */
  meta?: ColumnMeta;
}

export interface Translation {
  sql: string;
  columns: OutputColumn[];
  /** Upload tables the query refers to (lower-case names). */
  uploads: string[];
}

export interface TranslateOptions {
  tables: readonly TableMeta[];
  /** LIMIT applied to the outermost query (TOP and MAXREC combined by the caller). */
  limit?: number;
}

class Translator {
  private aliasCounter = 0;
  readonly uploads = new Set<string>();

  constructor(private readonly tables: readonly TableMeta[]) {}

  query(qy: Query, parent: Level | undefined, limit?: number): { sql: string; columns: OutputColumn[] } {
    const level: Level = { sources: [], using: new Set(), parent };
    const from = qy.from.map((f) => this.fromItem(f, level)).join(', ');
    const columns: OutputColumn[] = [];
    const selects: string[] = [];
    const aliasMap = new Map<string, string>();
    const used = new Set<string>();
    const addOutput = (sql: string, name: string, meta: ColumnMeta | undefined, alias?: Ident) => {
      let unique = name;
      for (let n = 2; used.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
      used.add(unique.toLowerCase());
      const cname = `c${columns.length}`;
      columns.push({ name: unique, meta });
      selects.push(`${sql} AS ${cname}`);
      if (alias) aliasMap.set(alias.quoted ? alias.name : alias.name.toLowerCase(), cname);
    };
    for (const item of qy.items) this.selectItem(item, level, addOutput);

    const resolveAlias = (e: Expr): string | undefined => {
      if (e.k !== 'col' || e.parts.length !== 1) return undefined;
      const p = e.parts[0]!;
      return aliasMap.get(p.quoted ? p.name : p.name.toLowerCase());
    };
    let sql = `SELECT ${qy.distinct ? 'DISTINCT ' : ''}${selects.join(', ')} FROM ${from}`;
    if (qy.where) sql += ` WHERE ${this.cond(qy.where, level)}`;
    if (qy.groupBy.length) {
      sql += ` GROUP BY ${qy.groupBy
        .map((g) => {
          if (g.k === 'num') return g.text;
          return tryColumn(g, level) ?? resolveAlias(g) ?? this.expr(g, level);
        })
        .join(', ')}`;
    }
    if (qy.having) sql += ` HAVING ${this.cond(qy.having, level)}`;
    if (qy.orderBy.length) {
      sql += ` ORDER BY ${qy.orderBy
        .map((o) => {
          let s: string;
          if (o.expr.k === 'num') {
            const n = Number(o.expr.text);
            if (!Number.isInteger(n) || n < 1 || n > columns.length) {
              throw new AdqlError(`ADQL: ORDER BY position ${o.expr.text} is not in the select list`);
            }
            s = o.expr.text;
          } else s = resolveAlias(o.expr) ?? this.expr(o.expr, level);
          return `${s}${o.desc ? ' DESC' : ''}`;
        })
        .join(', ')}`;
    }
    const lim = qy.top !== undefined ? Math.min(qy.top, limit ?? Infinity) : limit;
    if (lim !== undefined && Number.isFinite(lim)) sql += ` LIMIT ${lim}`;
    if (qy.offset !== undefined) sql += ` OFFSET ${qy.offset}`;
    return { sql, columns };
  }

  private selectItem(
    item: SelectItem,
    level: Level,
    add: (sql: string, name: string, meta: ColumnMeta | undefined, alias?: Ident) => void,
  ): void {
    if (item.kind === 'star') {
      const sources = item.qualifier ? [findSource(item.qualifier, level)] : level.sources;
      for (const s of sources) for (const c of s.columns) add(`${s.sqlAlias}.${c.sql}`, c.name, c.meta);
      return;
    }
    const e = item.expr;
    let meta: ColumnMeta | undefined;
    let name = 'expr';
    if (e.k === 'col') {
      const r = resolveColumn(e, level);
      meta = r.meta;
      name = r.name;
    } else if (e.k === 'fn') name = e.name.toLowerCase();
    if (item.alias) name = item.alias.name;
    add(this.expr(e, level), name, meta, item.alias);
  }

  private fromItem(f: FromItem, level: Level): string {
    if (f.kind === 'table') {
      const name = f.name.map((p) => p.name).join('.');
      const table = findTable(this.tables, name);
      if (!table) throw new AdqlError(`ADQL: table "${identText(f.name)}" does not exist (see /tables for the published tables)`);
      if (table.schema.toUpperCase() === 'TAP_UPLOAD') this.uploads.add(table.name.split('.').pop()!.toLowerCase());
      const sqlAlias = `t${++this.aliasCounter}`;
      const src: Source = {
        sqlAlias,
        alias: f.alias,
        table,
        columns: table.columns.map((c) => ({ name: c.name, sql: q(c.name.toLowerCase()), meta: c })),
      };
      addSource(level, src);
      return `${tableSqlName(table)} AS ${sqlAlias}`;
    }
    if (f.kind === 'subquery') {
      const inner = this.query(f.query, level.parent);
      const sqlAlias = `t${++this.aliasCounter}`;
      addSource(level, {
        sqlAlias,
        alias: f.alias,
        columns: inner.columns.map((c, i) => ({ name: c.name, sql: `c${i}`, meta: c.meta })),
      });
      return `(${inner.sql}) AS ${sqlAlias}`;
    }
    const left = this.fromItem(f.left, level);
    const right = this.fromItem(f.right, level);
    if (f.type === 'CROSS') return `${left} CROSS JOIN ${right}`;
    const kind = `${f.natural ? 'NATURAL ' : ''}${f.type} JOIN`;
    if (f.natural) {
      throw new AdqlError('ADQL: NATURAL JOIN is not supported by this service; use JOIN ... USING (...) or ON');
    }
    if (f.using) {
      for (const u of f.using) level.using.add(u.name.toLowerCase());
      return `${left} ${kind} ${right} USING (${f.using.map((u) => q(u.name.toLowerCase())).join(', ')})`;
    }
    return `${left} ${kind} ${right} ON ${this.cond(f.on!, level)}`;
  }

  cond(e: Expr, level: Level): string {
    return this.expr(e, level);
  }

  expr(e: Expr, level: Level): string {
    switch (e.k) {
      case 'num':
        return e.text;
      case 'str':
        return `'${e.value.replace(/'/g, "''")}'`;
      case 'null':
        return 'NULL';
      case 'col':
        return resolveColumn(e, level).sql;
      case 'bin':
        return `(${this.expr(e.l, level)} ${e.op} ${this.expr(e.r, level)})`;
      case 'neg':
        return `(-${this.expr(e.e, level)})`;
      case 'fn':
        return this.call(e, level);
      case 'case': {
        let s = 'CASE';
        if (e.operand) s += ` ${this.expr(e.operand, level)}`;
        for (const w of e.whens) s += ` WHEN ${this.expr(w.when, level)} THEN ${this.expr(w.then, level)}`;
        if (e.else) s += ` ELSE ${this.expr(e.else, level)}`;
        return `${s} END`;
      }
      case 'cast': {
        const m = /^(CHAR|VARCHAR)(\((\d+)\))?$/.exec(e.type);
        const target = m ? `${m[1] === 'CHAR' ? 'char' : 'varchar'}${m[2] ?? ''}` : CASTS[e.type];
        if (!target) throw new AdqlError(`ADQL: CAST to ${e.type} is not supported`);
        return `CAST(${this.expr(e.e, level)} AS ${target})`;
      }
      case 'subq':
        return `(${this.query(e.query, level).sql})`;
      case 'cmp': {
        const geo = geometryPredicate(e, (x) => this.expr(x, level));
        if (geo) return geo;
        return `(${this.expr(e.l, level)} ${e.op} ${this.expr(e.r, level)})`;
      }
      case 'and':
        return `(${this.expr(e.l, level)} AND ${this.expr(e.r, level)})`;
      case 'or':
        return `(${this.expr(e.l, level)} OR ${this.expr(e.r, level)})`;
      case 'not':
        return `(NOT ${this.expr(e.e, level)})`;
      case 'between':
        return `(${this.expr(e.e, level)} ${e.not ? 'NOT ' : ''}BETWEEN ${this.expr(e.lo, level)} AND ${this.expr(e.hi, level)})`;
      case 'like':
        return `(${this.expr(e.e, level)} ${e.not ? 'NOT ' : ''}${e.ilike ? 'ILIKE' : 'LIKE'} ${this.expr(e.pattern, level)})`;
      case 'in': {
        const inner = e.query ? this.query(e.query, level).sql : e.list!.map((x) => this.expr(x, level)).join(', ');
        return `(${this.expr(e.e, level)} ${e.not ? 'NOT ' : ''}IN (${inner}))`;
      }
      case 'isnull':
        return `(${this.expr(e.e, level)} IS ${e.not ? 'NOT ' : ''}NULL)`;
      case 'exists':
        return `(EXISTS (${this.query(e.query, level).sql}))`;
    }
  }

  private call(e: Expr & { k: 'fn' }, level: Level): string {
    const name = e.name;
    const geometry = geometryCall(e, (x) => this.expr(x, level));
    if (geometry !== undefined) return geometry;
    const spec = FUNCTIONS[name];
    if (!spec) throw new AdqlError(`ADQL: unsupported function ${name}`);
    if (e.star) {
      if (name !== 'COUNT') throw new AdqlError(`ADQL: ${name}(*) is not allowed; only COUNT(*)`);
      return 'count(*)';
    }
    if (e.distinct && !spec.aggregate) throw new AdqlError(`ADQL: DISTINCT is only allowed in aggregate functions, not ${name}`);
    checkArity(e, spec.min, spec.max);
    const args = e.args.map((a) => this.expr(a, level));
    if (e.distinct) return `${spec.sql([`DISTINCT ${args[0]}`])}`;
    return spec.sql(args);
  }
}

export function tableSqlName(t: TableMeta): string {
  if (t.schema.toUpperCase() === 'TAP_UPLOAD') return `tap_upload.${q(t.name.split('.').pop()!.toLowerCase())}`;
  if (t.rowless) return `(SELECT ${t.columns.map((c) => `NULL::${c.sqlType} AS ${q(c.name.toLowerCase())}`).join(', ')} WHERE false)`;
  return sqlName(t.name);
}

export function translate(adql: string, options: TranslateOptions): Translation {
  const query = parseAdql(adql);
  const tr = new Translator(options.tables);
  try {
    const { sql, columns } = tr.query(query, undefined, options.limit);
    return { sql, columns, uploads: [...tr.uploads] };
  } catch (e) {
    // Long operator chains (a + b + c ...) parse flat but translate recursively.
    if (e instanceof RangeError) throw new AdqlError('ADQL: the query is too long or too deeply nested for this service');
    throw e;
  }
}
