/**
 * ADQL geometry on the demo service's plain ra/dec columns: POINT, CIRCLE and
 * BOX in ICRS, CONTAINS and INTERSECTS of a point in a circle or box (with a
 * declination prefilter the index can use), DISTANCE, COORD1 and COORD2.
 */
import type { Expr } from './ast.ts';
import { checkArity, GEOMETRY_FUNCTIONS, UNSUPPORTED_GEOMETRY } from './functions.ts';
import { AdqlError } from './lexer.ts';

/** Translates an argument to SQL. */
export type ToSql = (e: Expr) => string;

type Geometry =
  | { kind: 'point'; x: string; y: string }
  | { kind: 'circle'; x: string; y: string; r: string }
  | { kind: 'box'; x: string; y: string; w: string; h: string };

/** The SQL of a geometry function call, or undefined when `e` is none (an ordinary function). */
export function geometryCall(e: Expr & { k: 'fn' }, sql: ToSql): string | undefined {
  const name = e.name;
  if (name === 'CONTAINS' || name === 'INTERSECTS') {
    const test = containment(e, sql);
    return `(CASE WHEN ${test.exact} THEN 1 ELSE 0 END)`;
  }
  if (name === 'DISTANCE') {
    let a: Geometry, b: Geometry;
    if (e.args.length === 4) {
      const [x1, y1, x2, y2] = e.args.map(sql);
      a = { kind: 'point', x: x1!, y: y1! };
      b = { kind: 'point', x: x2!, y: y2! };
    } else {
      checkArity(e, 2, 2);
      a = geometryOf(e.args[0]!, sql);
      b = geometryOf(e.args[1]!, sql);
    }
    if (a.kind !== 'point' || b.kind !== 'point') throw new AdqlError('ADQL: DISTANCE needs two POINTs');
    return `demo_distance(${a.x}, ${a.y}, ${b.x}, ${b.y})`;
  }
  if (name === 'COORD1' || name === 'COORD2') {
    checkArity(e, 1, 1);
    const g = geometryOf(e.args[0]!, sql);
    if (g.kind !== 'point') throw new AdqlError(`ADQL: ${name} needs a POINT`);
    return name === 'COORD1' ? g.x : g.y;
  }
  if (UNSUPPORTED_GEOMETRY.has(name)) throw new AdqlError(`ADQL: the geometry function ${name} is not supported by this service`);
  if (GEOMETRY_FUNCTIONS.has(name)) {
    throw new AdqlError(
      `ADQL: ${name} values cannot be selected or compared here; use them inside CONTAINS, INTERSECTS, DISTANCE, COORD1 or COORD2`,
    );
  }
  return undefined;
}

function coordSys(e: Expr, fn: string): void {
  if (e.k !== 'str' && e.k !== 'null') throw new AdqlError(`ADQL: the first argument of ${fn} must be a coordinate system string`);
  const v = e.k === 'str' ? e.value.trim().toUpperCase() : '';
  if (v !== '' && !v.startsWith('ICRS')) {
    throw new AdqlError(`ADQL: coordinate system '${e.k === 'str' ? e.value : ''}' is not supported; use 'ICRS'`);
  }
}

/** A POINT, CIRCLE or BOX, with its arguments in SQL. */
export function geometryOf(e: Expr, sql: ToSql): Geometry {
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
    coordSys(args[0]!, e.name);
    args = args.slice(1);
  } else if (args.length !== want - 1) {
    throw new AdqlError(`ADQL: ${e.name} takes ${want} arguments (coordinate system first), got ${e.args.length}`);
  }
  const s = args.map(sql);
  if (e.name === 'POINT') return { kind: 'point', x: s[0]!, y: s[1]! };
  if (e.name === 'CIRCLE') return { kind: 'circle', x: s[0]!, y: s[1]!, r: s[2]! };
  return { kind: 'box', x: s[0]!, y: s[1]!, w: s[2]!, h: s[3]! };
}

/** The SQL test of CONTAINS/INTERSECTS, plus an index-friendly prefilter on the declination. */
export function containment(e: Expr & { k: 'fn' }, sql: ToSql): { exact: string; prefilter: string } {
  checkArity(e, 2, 2);
  let a = geometryOf(e.args[0]!, sql);
  let b = geometryOf(e.args[1]!, sql);
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
export function geometryPredicate(e: Expr & { k: 'cmp' }, sql: ToSql): string | undefined {
  let fn: Expr, other: Expr;
  if (e.l.k === 'fn' && (e.l.name === 'CONTAINS' || e.l.name === 'INTERSECTS')) [fn, other] = [e.l, e.r];
  else if (e.r.k === 'fn' && (e.r.name === 'CONTAINS' || e.r.name === 'INTERSECTS')) [fn, other] = [e.r, e.l];
  else return undefined;
  if (other.k !== 'num' || (other.text !== '1' && other.text !== '0') || (e.op !== '=' && e.op !== '<>')) {
    return undefined;
  }
  const t = containment(fn as Expr & { k: 'fn' }, sql);
  const positive = (other.text === '1') === (e.op === '=');
  const test = `(${t.prefilter} AND ${t.exact})`;
  return positive ? test : `(NOT ${test})`;
}
