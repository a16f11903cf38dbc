/**
 * Which columns of a table can be plotted, and which hold sky positions
 * (by UCD, as VO tools do, else by the usual names).
 */
import type { VoColumn, VoField, VoTableTable } from '../../protocol/votable/types';

export interface PlotColumn {
  index: number;
  name: string;
  unit?: string;
}

const NUMERIC_TYPES = new Set(['unsignedByte', 'short', 'int', 'long', 'float', 'double']);

export function isNumericField(f: VoField): boolean {
  return NUMERIC_TYPES.has(f.datatype) && f.shape.length === 0;
}

export function numericColumns(fields: readonly VoField[]): PlotColumn[] {
  return fields.flatMap((f, index) => (isNumericField(f) ? [{ index, name: f.name, unit: f.unit }] : []));
}

function ucdWords(f: VoField): string[] {
  return (f.ucd ?? '').toLowerCase().split(';').map((w) => w.trim());
}

const RA_NAMES = ['ra', 'ra_icrs', 'raj2000', 'ra_j2000', 'ra2000', 's_ra', 'ra_deg', 'alpha', 'ramean', 'ra_obj'];
const DEC_NAMES = ['dec', 'de', 'dec_icrs', 'dej2000', 'decj2000', 'dec_j2000', 'de2000', 's_dec', 'dec_deg', 'delta', 'decmean', 'dec_obj'];

function pick(fields: readonly VoField[], ucd: string, names: string[]): number {
  const numeric = fields.map((f, i) => ({ f, i })).filter(({ f }) => isNumericField(f));
  const main = numeric.find(({ f }) => ucdWords(f)[0] === ucd && ucdWords(f).includes('meta.main'));
  if (main) return main.i;
  const byUcd = numeric.find(({ f }) => ucdWords(f)[0] === ucd);
  if (byUcd) return byUcd.i;
  for (const name of names) {
    const byName = numeric.find(({ f }) => f.name.toLowerCase() === name);
    if (byName) return byName.i;
  }
  return -1;
}

/** The right ascension and declination columns, or null when the table has no sky positions. */
export function skyColumns(fields: readonly VoField[]): { ra: number; dec: number } | null {
  const ra = pick(fields, 'pos.eq.ra', RA_NAMES);
  const dec = pick(fields, 'pos.eq.dec', DEC_NAMES);
  return ra >= 0 && dec >= 0 ? { ra, dec } : null;
}

/** A numeric column as doubles, NaN for nulls (a copy: the table keeps its own storage). */
export function numericValues(column: VoColumn): Float64Array {
  if (column.kind === 'number') {
    const out = Float64Array.from(column.values as ArrayLike<number>);
    if (column.nulls) for (let i = 0; i < out.length; i++) if (column.nulls[i]) out[i] = Number.NaN;
    return out;
  }
  if (column.kind === 'long') {
    const out = new Float64Array(column.values.length);
    for (let i = 0; i < out.length; i++) out[i] = column.nulls?.[i] ? Number.NaN : Number(column.values[i]);
    return out;
  }
  throw new Error(`A ${column.kind} column has no numbers to plot.`);
}

export function valuesOf(table: VoTableTable, col: number): Float64Array {
  return numericValues(table.column(col));
}
