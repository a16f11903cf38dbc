import { describe, expect, it } from 'vitest';
import { answer, makePoints, type AnalysisState } from './analysis';

const state: AnalysisState = {
  rowCount: 4,
  columns: {
    ra: { kind: 'number', values: Float64Array.from([10, 10.5, 11, Number.NaN]) },
    dec: { kind: 'number', values: Float64Array.from([-5, -5.5, -4.5, 0]) },
    mag: { kind: 'number', values: Float64Array.from([12, 0.001, 100, 14]) },
    name: { kind: 'text', values: ['a', 'b', 'c', null] },
  },
};

describe('points for plots', () => {
  it('leaves out rows without a position and remembers which row each point is', () => {
    const p = makePoints(state, { kind: 'sky-all', ra: 'ra', dec: 'dec' }, null);
    expect([...p.rows]).toEqual([0, 1, 2]);
    expect(p.skipped).toBe(1);
    for (const v of [...p.x, ...p.y]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('zooms the tangent plane onto the field, with equal scales on both axes', () => {
    const p = makePoints(state, { kind: 'sky-tangent', ra: 'ra', dec: 'dec' }, null);
    expect(p.centre![0]).toBeCloseTo(10.5, 1);
    expect(p.xRange[1] - p.xRange[0]).toBeCloseTo(p.yRange[1] - p.yRange[0]);
    expect(Math.max(...p.x.map(Math.abs), ...p.y.map(Math.abs))).toBeCloseTo(0.97, 2);
  });

  it('plots only the chosen rows, on log axes, coloured by a third column', () => {
    const p = makePoints(state, { kind: 'scatter', x: 'mag', y: 'mag', logX: true, logY: false, colour: 'dec' }, Uint32Array.from([1, 2]));
    expect([...p.rows]).toEqual([1, 2]);
    expect(p.xRange).toEqual([-3, 2]);
    expect([...p.value!]).toEqual([0, 1]);
  });
});

describe('requests', () => {
  it('filters rows by an expression, ignoring the case of column names', () => {
    const { answer: a } = answer(state, { op: 'filter', expression: 'MAG < 13 and dec < -5' });
    expect(a.op === 'filter' && [...a.rows!]).toEqual([1]);
  });

  it('gives statistics of a text column as counts', () => {
    const { answer: a } = answer(state, { op: 'stats', column: 'name', rows: null });
    expect(a).toEqual({ op: 'stats', stats: { kind: 'text', count: 3, nulls: 1, distinct: 3 } });
  });

  it('gives statistics of only the rows shown when a filter or a plot narrows them', () => {
    const { answer: numeric } = answer(state, { op: 'stats', column: 'mag', rows: Uint32Array.from([0, 3]) });
    expect(numeric).toMatchObject({ op: 'stats', stats: { count: 2, min: 12, max: 14, mean: 13 } });
    const { answer: text } = answer(state, { op: 'stats', column: 'name', rows: Uint32Array.from([1, 3]) });
    expect(text).toEqual({ op: 'stats', stats: { kind: 'text', count: 1, nulls: 1, distinct: 1 } });
  });
});
