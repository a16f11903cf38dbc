/** The ADQL functions the demo service runs and their PostgreSQL forms, and the CAST targets. */
import type { Expr } from './ast.ts';
import { AdqlError } from './lexer.ts';

export interface FnSpec {
  min: number;
  max: number;
  sql: (args: string[]) => string;
  aggregate?: boolean;
}

const simple = (pg: string, min: number, max = min): FnSpec => ({ min, max, sql: (a) => `${pg}(${a.join(', ')})` });
const asDouble = (a: string) => `(${a})::double precision`;
/** A function of `n` arguments, each cast to double precision. */
const onDoubles = (pg: string, n: number): FnSpec => ({ min: n, max: n, sql: (a) => `${pg}(${a.map(asDouble).join(', ')})` });
export const FUNCTIONS: Record<string, FnSpec> = {
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

export const GEOMETRY_FUNCTIONS = new Set(['POINT', 'CIRCLE', 'BOX', 'POLYGON', 'REGION']);
export const UNSUPPORTED_GEOMETRY = new Set(['POLYGON', 'REGION', 'AREA', 'CENTROID', 'COORDSYS']);

export const CASTS: Record<string, string> = {
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  REAL: 'real',
  'DOUBLE PRECISION': 'double precision',
  TIMESTAMP: 'timestamp',
};

/** Refuse a call with too few or too many arguments, saying how many it takes. */
export function checkArity(e: Expr & { k: 'fn' }, min: number, max: number): void {
  if (e.args.length < min || e.args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new AdqlError(`ADQL: ${e.name} takes ${want} argument${max === 1 ? '' : 's'}, got ${e.args.length}`);
  }
}
