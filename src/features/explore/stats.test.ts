import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';
import { numericStats, textStats } from './stats';

describe('column statistics', () => {
  it('gives count, nulls, min, max, mean, median and standard deviation, leaving nulls out', () => {
    const s = numericStats(Float64Array.from([4, Number.NaN, 1, 3, 2]));
    expect(s).toMatchObject({ count: 4, nulls: 1, min: 1, max: 4, mean: 2.5, median: 2.5 });
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3));
  });
  it('says nothing but the null count for a column of nulls', () => {
    expect(numericStats(Float64Array.from([Number.NaN]))).toMatchObject({ count: 0, nulls: 1, mean: null, median: null });
  });
  it('counts distinct texts', () => {
    expect(textStats(['a', 'b', 'a', null])).toEqual({ kind: 'text', count: 3, nulls: 1, distinct: 2 });
  });
});

describe('histograms', () => {
  it('puts the maximum in the last bin and skips nulls', () => {
    const h = histogram(Float64Array.from([0, 1, 2, 3, 4, Number.NaN]), 4);
    expect([...h.counts]).toEqual([1, 1, 1, 2]);
    expect([...h.edges]).toEqual([0, 1, 2, 3, 4]);
    expect(h.skipped).toBe(1);
  });
  it('bins on a log axis, skipping values that are not positive', () => {
    const h = histogram(Float64Array.from([1, 10, 100, 0, -1]), 2, true);
    expect([...h.counts]).toEqual([1, 2]);
    expect(h.skipped).toBe(2);
    expect(h.edges[1]).toBeCloseTo(10);
  });
});
