/**
 * The work behind plots, statistics and filters, on plain columns. It runs in
 * the analysis worker so that a million rows never hold up the page.
 */
import type { AnalysisColumn, AnalysisAnswer, AnalysisRequest, Points, PointsRequest } from './analysis-protocol';
import { histogram } from './histogram';
import { hammer, sphericalCentre, tangentPlane } from './projection';
import { buildSpatialIndex } from './spatial-index';
import { evaluateFilter, parseRowFilter } from './row-filter';
import { numericStats, textStats } from './stats';

export interface AnalysisState {
  rowCount: number;
  columns: Record<string, AnalysisColumn>;
}

function numbers(state: AnalysisState, name: string): Float64Array {
  const c = state.columns[name];
  if (!c) throw new Error(`There is no column ${name}.`);
  if (c.kind !== 'number') throw new Error(`${name} holds text, not numbers.`);
  return c.values;
}

function subset(values: Float64Array, rows: Uint32Array | null): Float64Array {
  if (!rows) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}

function range(values: Float32Array | Float64Array, n: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** Scale `v` from [lo, hi] to [-1, 1] (a margin of 3 % keeps points off the edge). */
function normalise(values: Float32Array, n: number, [lo, hi]: [number, number]): void {
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < n; i++) values[i] = ((values[i]! - lo) / span) * 1.94 - 0.97;
}

export function makePoints(state: AnalysisState, request: PointsRequest, rows: Uint32Array | null): Points {
  const n = rows ? rows.length : state.rowCount;
  const rowAt = (i: number) => (rows ? rows[i]! : i);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const kept = new Uint32Array(n);
  let count = 0;
  let centre: [number, number] | null = null;
  if (request.kind === 'scatter') {
    const xs = numbers(state, request.x);
    const ys = numbers(state, request.y);
    for (let i = 0; i < n; i++) {
      const r = rowAt(i);
      let a = xs[r]!;
      let b = ys[r]!;
      if (Number.isNaN(a) || Number.isNaN(b) || (request.logX && a <= 0) || (request.logY && b <= 0)) continue;
      if (request.logX) a = Math.log10(a);
      if (request.logY) b = Math.log10(b);
      x[count] = a;
      y[count] = b;
      kept[count++] = r;
    }
  } else {
    const ra = numbers(state, request.ra);
    const dec = numbers(state, request.dec);
    if (request.kind === 'sky-tangent') centre = sphericalCentre(subset(ra, rows), subset(dec, rows));
    for (let i = 0; i < n; i++) {
      const r = rowAt(i);
      const p = request.kind === 'sky-all' ? hammer(ra[r]!, dec[r]!) : centre ? tangentPlane(ra[r]!, dec[r]!, centre[0], centre[1]) : null;
      if (!p) continue;
      x[count] = p[0];
      y[count] = p[1];
      kept[count++] = r;
    }
  }
  // The all-sky map keeps its own fixed frame, so the ellipse keeps its shape.
  const xRange: [number, number] = request.kind === 'sky-all' ? [-1, 1] : range(x, count);
  const yRange: [number, number] = request.kind === 'sky-all' ? [-0.5, 0.5] : range(y, count);
  if (request.kind === 'sky-all') {
    for (let i = 0; i < count; i++) y[i] = y[i]! * 2;
  } else if (request.kind === 'sky-tangent') {
    // Equal scales on both axes: a degree is as long across as up.
    const half = Math.max(xRange[1] - xRange[0], yRange[1] - yRange[0]) / 2 || 1;
    const cx = (xRange[0] + xRange[1]) / 2;
    const cy = (yRange[0] + yRange[1]) / 2;
    xRange[0] = cx - half;
    xRange[1] = cx + half;
    yRange[0] = cy - half;
    yRange[1] = cy + half;
    normalise(x, count, xRange);
    normalise(y, count, yRange);
  } else {
    normalise(x, count, xRange);
    normalise(y, count, yRange);
  }
  let value: Float32Array | null = null;
  let valueRange: [number, number] | null = null;
  if (request.colour) {
    const c = numbers(state, request.colour);
    value = new Float32Array(count);
    for (let i = 0; i < count; i++) value[i] = c[kept[i]!]!;
    const finite = value.filter((v) => !Number.isNaN(v));
    valueRange = range(finite, finite.length);
    const span = valueRange[1] > valueRange[0] ? valueRange[1] - valueRange[0] : 1;
    for (let i = 0; i < count; i++) value[i] = Number.isNaN(value[i]!) ? 0 : (value[i]! - valueRange[0]) / span;
  }
  const px = x.slice(0, count);
  const py = y.slice(0, count);
  return {
    x: px,
    y: py,
    spatialIndex: buildSpatialIndex(px, py),
    value,
    rows: kept.slice(0, count),
    xRange,
    yRange,
    valueRange,
    centre,
    skipped: n - count,
  };
}

/** Run one request against the worker's state; `load` replaces the state. */
export function answer(state: AnalysisState, request: AnalysisRequest): { state: AnalysisState; answer: AnalysisAnswer } {
  switch (request.op) {
    case 'load':
      return { state: { rowCount: request.rowCount, columns: request.columns }, answer: { op: 'load' } };
    case 'stats': {
      const c = state.columns[request.column];
      if (!c) throw new Error(`There is no column ${request.column}.`);
      const rows = request.rows;
      const stats = c.kind === 'number' ? numericStats(subset(c.values, rows)) : textStats(rows ? Array.from(rows, (r) => c.values[r] ?? null) : c.values);
      return { state, answer: { op: 'stats', stats } };
    }
    case 'histogram':
      return { state, answer: { op: 'histogram', histogram: histogram(subset(numbers(state, request.column), request.rows), request.bins, request.logX) } };
    case 'filter': {
      const tree = parseRowFilter(request.expression);
      if (!tree) return { state, answer: { op: 'filter', rows: null } };
      const mask = evaluateFilter(tree, state.rowCount, (name) => state.columns[name] ?? Object.entries(state.columns).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]);
      let count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i]!;
      const rows = new Uint32Array(count);
      for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) rows[j++] = i;
      return { state, answer: { op: 'filter', rows } };
    }
    case 'points':
      return { state, answer: { op: 'points', points: makePoints(state, request.request, request.rows) } };
  }
}
