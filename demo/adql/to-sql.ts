/** Translates a parsed ADQL query into PostgreSQL, resolving names against the published tables. */
import { findTable, sqlName, type ColumnMeta, type TableMeta } from '../catalogue.ts';
import { AdqlError } from './lexer.ts';
import { parseAdql, type Expr, type FromItem, type Ident, type Query, type SelectItem } from './parser.ts';

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

interface SourceColumn {
  name: string;
  sql: string;
  meta?: ColumnMeta;
}

interface Source {
  sqlAlias: string;
  alias?: Ident;
  table?: TableMeta;
  columns: SourceColumn[];
}

interface Level {
  sources: Source[];
  using: Set<string>;
  parent?: Level;
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const identText = (parts: Ident[]): string => parts.map((p) => (p.quoted ? `"${p.name}"` : p.name)).join('.');
const same = (a: Ident, name: string): boolean => (a.quoted ? a.name === name : a.name.toLowerCase() === name.toLowerCase());

type Geometry =
  | { kind: 'point'; x: string; y: string }
  | { kind: 'circle'; x: string; y: string; r: string }
  | { kind: 'box'; x: string; y: string; w: string; h: string };

interface FnSpec {
  min: number;
  max: number;
  sql: (args: string[]) => string;
  aggregate?: boolean;
}

const simple = (pg: string, min: number, max = min): FnSpec => ({ min, max, sql: (a) => `${pg}(${a.join(', ')})` });
const asDouble = (a: string) => `(${a})::double precision`;
/** A function of `n` arguments, each cast to double precision. */
const onDoubles = (pg: string, n: number): FnSpec => ({ min: n, max: n, sql: (a) => `${pg}(${a.map(asDouble).join(', ')})` });
const FUNCTIONS: Record<string, FnSpec> = {
  ABS: simple('abs', 1),
  CEILING: simple('ceiling', 1),
  FLOOR: simple('floor', 1),
  DEGREES: onDoubles('degrees', 1),
  RADIANS: onDoubles('radians', 1),
  EXP: onDoubles('exp', 1),
  LOG: onDoubles('ln', 1),
  LOG10: onDoubles('log', 1),
  SQRT: onDoubles('sqrt', 1),
  POWER: onDoubles('power', 2),
  MOD: { min: 2, max: 2, sql: (a) => `mod((${a[0]})::numeric, (${a[1]})::numeric)::double precision` },
  PI: { min: 0, max: 0, sql: () => 'pi()' },
  RAND: { min: 0, max: 1, sql: () => 'random()' },
  ROUND: {
    min: 1,
    max: 2,
    sql: (a) => `round((${a[0]})::numeric, ${a[1] ?? '0'})::double precision`,
  },
  TRUNCATE: {
    min: 1,
    max: 2,
    sql: (a) => `trunc((${a[0]})::numeric, ${a[1] ?? '0'})::double precision`,
  },
  SIN: onDoubles('sin', 1),
  COS: onDoubles('cos', 1),
  TAN: onDoubles('tan', 1),
  COT: onDoubles('cot', 1),
  ASIN: onDoubles('asin', 1),
  ACOS: onDoubles('acos', 1),
  ATAN: onDoubles('atan', 1),
  ATAN2: onDoubles('atan2', 2),
  LOWER: simple('lower', 1),
  UPPER: simple('upper', 1),
  COALESCE: simple('coalesce', 1, 100),
  MIN: { ...simple('min', 1), aggregate: true },
  MAX: { ...simple('max', 1), aggregate: true },
  AVG: { min: 1, max: 1, sql: (a) => `avg(${a[0]})::double precision`, aggregate: true },
  SUM: { ...simple('sum', 1), aggregate: true },
  COUNT: { ...simple('count', 1), aggregate: true },
  DEMO_SLEEP: onDoubles('demo_sleep', 1),
  DEMO_FAIL: { min: 1, max: 1, sql: (a) => `demo_fail((${a[0]})::text)` },
};

const GEOMETRY_FUNCTIONS = new Set(['POINT', 'CIRCLE', 'BOX', 'POLYGON', 'REGION']);
const UNSUPPORTED_GEOMETRY = new Set(['POLYGON', 'REGION', 'AREA', 'CENTROID', 'COORDSYS']);

const CASTS: Record<string, string> = {
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  REAL: 'real',
  'DOUBLE PRECISION': 'double precision',
  TIMESTAMP: 'timestamp',
};

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
          return this.tryColumn(g, level) ?? resolveAlias(g) ?? this.expr(g, level);
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
      const sources = item.qualifier ? [this.findSource(item.qualifier, level)] : level.sources;
      for (const s of sources) for (const c of s.columns) add(`${s.sqlAlias}.${c.sql}`, c.name, c.meta);
      return;
    }
    const e = item.expr;
    let meta: ColumnMeta | undefined;
    let name = 'expr';
    if (e.k === 'col') {
      const r = this.resolveColumn(e, level);
      meta = r.meta;
      name = r.name;
    } else if (e.k === 'fn') name = e.name.toLowerCase();
    if (item.alias) name = item.alias.name;
    add(this.expr(e, level), name, meta, item.alias);
  }

  private findSource(qualifier: Ident[], level: Level): Source {
    for (let l: Level | undefined = level; l; l = l.parent) {
      const s = l.sources.find((src) => this.matches(src, qualifier));
      if (s) return s;
    }
    throw new AdqlError(`ADQL: table or alias "${identText(qualifier)}" is not in the FROM clause`);
  }

  private matches(src: Source, qualifier: Ident[]): boolean {
    if (src.alias) return qualifier.length === 1 && same(qualifier[0]!, src.alias.name);
    if (!src.table) return false;
    const full = src.table.name;
    if (qualifier.length === 1) return qualifier[0]!.name.toLowerCase() === full.split('.').pop()!.toLowerCase();
    return qualifier.map((p) => p.name).join('.').toLowerCase() === full.toLowerCase();
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
      this.addSource(level, src);
      return `${tableSqlName(table)} AS ${sqlAlias}`;
    }
    if (f.kind === 'subquery') {
      const inner = this.query(f.query, level.parent);
      const sqlAlias = `t${++this.aliasCounter}`;
      this.addSource(level, {
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

  private addSource(level: Level, src: Source): void {
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

  private tryColumn(e: Expr, level: Level): string | undefined {
    if (e.k !== 'col') return undefined;
    try {
      return this.resolveColumn(e, level).sql;
    } catch {
      return undefined;
    }
  }

  private resolveColumn(e: Expr & { k: 'col' }, level: Level): { sql: string; name: string; meta?: ColumnMeta } {
    const col = e.parts[e.parts.length - 1]!;
    if (e.parts.length > 1) {
      const src = this.findSource(e.parts.slice(0, -1), level);
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
        return this.resolveColumn(e, level).sql;
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
        const geo = this.geometryPredicate(e, level);
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
    if (name === 'CONTAINS' || name === 'INTERSECTS') {
      const test = this.containment(e, level);
      return `(CASE WHEN ${test.exact} THEN 1 ELSE 0 END)`;
    }
    if (name === 'DISTANCE') {
      let a: Geometry, b: Geometry;
      if (e.args.length === 4) {
        const [x1, y1, x2, y2] = e.args.map((x) => this.expr(x, level));
        a = { kind: 'point', x: x1!, y: y1! };
        b = { kind: 'point', x: x2!, y: y2! };
      } else {
        this.arity(e, 2, 2);
        a = this.geometry(e.args[0]!, level);
        b = this.geometry(e.args[1]!, level);
      }
      if (a.kind !== 'point' || b.kind !== 'point') throw new AdqlError('ADQL: DISTANCE needs two POINTs');
      return `demo_distance(${a.x}, ${a.y}, ${b.x}, ${b.y})`;
    }
    if (name === 'COORD1' || name === 'COORD2') {
      this.arity(e, 1, 1);
      const g = this.geometry(e.args[0]!, level);
      if (g.kind !== 'point') throw new AdqlError(`ADQL: ${name} needs a POINT`);
      return name === 'COORD1' ? g.x : g.y;
    }
    if (UNSUPPORTED_GEOMETRY.has(name)) throw new AdqlError(`ADQL: the geometry function ${name} is not supported by this service`);
    if (GEOMETRY_FUNCTIONS.has(name)) {
      throw new AdqlError(
        `ADQL: ${name} values cannot be selected or compared here; use them inside CONTAINS, INTERSECTS, DISTANCE, COORD1 or COORD2`,
      );
    }
    const spec = FUNCTIONS[name];
    if (!spec) throw new AdqlError(`ADQL: unsupported function ${name}`);
    if (e.star) {
      if (name !== 'COUNT') throw new AdqlError(`ADQL: ${name}(*) is not allowed; only COUNT(*)`);
      return 'count(*)';
    }
    if (e.distinct && !spec.aggregate) throw new AdqlError(`ADQL: DISTINCT is only allowed in aggregate functions, not ${name}`);
    this.arity(e, spec.min, spec.max);
    const args = e.args.map((a) => this.expr(a, level));
    if (e.distinct) return `${spec.sql([`DISTINCT ${args[0]}`])}`;
    return spec.sql(args);
  }

  private arity(e: Expr & { k: 'fn' }, min: number, max: number): void {
    if (e.args.length < min || e.args.length > max) {
      const want = min === max ? `${min}` : `${min} to ${max}`;
      throw new AdqlError(`ADQL: ${e.name} takes ${want} argument${max === 1 ? '' : 's'}, got ${e.args.length}`);
    }
  }

  private coordSys(e: Expr, fn: string): void {
    if (e.k !== 'str' && e.k !== 'null') throw new AdqlError(`ADQL: the first argument of ${fn} must be a coordinate system string`);
    const v = e.k === 'str' ? e.value.trim().toUpperCase() : '';
    if (v !== '' && !v.startsWith('ICRS')) {
      throw new AdqlError(`ADQL: coordinate system '${e.k === 'str' ? e.value : ''}' is not supported; use 'ICRS'`);
    }
  }

  private geometry(e: Expr, level: Level): Geometry {
    if (e.k !== 'fn' || !GEOMETRY_FUNCTIONS.has(e.name)) {
      throw new AdqlError('ADQL: expected a geometry (POINT, CIRCLE or BOX) here');
    }
    if (e.name === 'POLYGON' || e.name === 'REGION') {
      throw new AdqlError(`ADQL: the geometry function ${e.name} is not supported by this service`);
    }
    // ADQL 2.1 allows POINT(x, y) without the coordinate system.
    const counts = { POINT: 3, CIRCLE: 4, BOX: 5 } as const;
    const want = counts[e.name as keyof typeof counts];
    let args = e.args;
    if (args.length === want) {
      this.coordSys(args[0]!, e.name);
      args = args.slice(1);
    } else if (args.length !== want - 1) {
      throw new AdqlError(`ADQL: ${e.name} takes ${want} arguments (coordinate system first), got ${e.args.length}`);
    }
    const s = args.map((a) => this.expr(a, level));
    if (e.name === 'POINT') return { kind: 'point', x: s[0]!, y: s[1]! };
    if (e.name === 'CIRCLE') return { kind: 'circle', x: s[0]!, y: s[1]!, r: s[2]! };
    return { kind: 'box', x: s[0]!, y: s[1]!, w: s[2]!, h: s[3]! };
  }

  /** The SQL test of CONTAINS/INTERSECTS, plus an index-friendly prefilter on the declination. */
  private containment(e: Expr & { k: 'fn' }, level: Level): { exact: string; prefilter: string } {
    this.arity(e, 2, 2);
    let a = this.geometry(e.args[0]!, level);
    let b = this.geometry(e.args[1]!, level);
    if (e.name === 'INTERSECTS' && a.kind !== 'point' && b.kind === 'point') [a, b] = [b, a];
    if (a.kind !== 'point') {
      throw new AdqlError(`ADQL: ${e.name} is supported only for a POINT against a CIRCLE or BOX`);
    }
    if (b.kind === 'circle') {
      return {
        exact: `demo_distance(${a.x}, ${a.y}, ${b.x}, ${b.y}) <= (${b.r})`,
        prefilter: `${a.y} BETWEEN (${b.y}) - (${b.r}) AND (${b.y}) + (${b.r})`,
      };
    }
    if (b.kind === 'box') {
      return {
        exact: `(${a.y} BETWEEN (${b.y}) - (${b.h}) / 2.0 AND (${b.y}) + (${b.h}) / 2.0 AND abs(mod(((${a.x}) - (${b.x}) + 540)::numeric, 360) - 180) <= (${b.w}) / 2.0)`,
        prefilter: `${a.y} BETWEEN (${b.y}) - (${b.h}) / 2.0 AND (${b.y}) + (${b.h}) / 2.0`,
      };
    }
    throw new AdqlError(`ADQL: ${e.name} is supported only for a POINT against a CIRCLE or BOX`);
  }

  /** CONTAINS(...) = 1 (or 0) becomes a direct predicate so that the index on dec can be used. */
  private geometryPredicate(e: Expr & { k: 'cmp' }, level: Level): string | undefined {
    let fn: Expr, other: Expr;
    if (e.l.k === 'fn' && (e.l.name === 'CONTAINS' || e.l.name === 'INTERSECTS')) [fn, other] = [e.l, e.r];
    else if (e.r.k === 'fn' && (e.r.name === 'CONTAINS' || e.r.name === 'INTERSECTS')) [fn, other] = [e.r, e.l];
    else return undefined;
    if (other.k !== 'num' || (other.text !== '1' && other.text !== '0') || (e.op !== '=' && e.op !== '<>')) {
      return undefined;
    }
    const t = this.containment(fn as Expr & { k: 'fn' }, level);
    const positive = (other.text === '1') === (e.op === '=');
    const test = `(${t.prefilter} AND ${t.exact})`;
    return positive ? test : `(NOT ${test})`;
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
