import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, evaluateFilter, parseRowFilter, type FilterColumn } from './row-filter';

const table: Record<string, FilterColumn> = {
  mag: { kind: 'number', values: Float64Array.from([10, 11.5, 12, 13, Number.NaN]) },
  parallax: { kind: 'number', values: Float64Array.from([2, 0.5, 3, 1.5, 4]) },
  name: { kind: 'text', values: ['M 31', 'NGC 224', "O'Brien", null, 'x'] },
};
const rows = (text: string) => {
  const mask = evaluateFilter(parseRowFilter(text)!, 5, (n) => table[n]);
  return [...mask].flatMap((m, i) => (m ? [i] : []));
};

describe('row filters', () => {
  it('combines per-column conditions with and', () => {
    expect(rows('mag < 12 and parallax > 1')).toEqual([0]);
  });
  it('honours or, not and parentheses in the usual order', () => {
    expect(rows('mag >= 13 or parallax < 1 and mag < 12')).toEqual([1, 3]);
    expect(rows('(mag >= 13 or parallax < 1) and mag < 12')).toEqual([1]);
  });
  it('treats a null cell as failing any comparison, also under not', () => {
    expect(rows('not mag < 12')).toEqual([2, 3]);
    expect(rows('mag is null')).toEqual([4]);
    expect(rows('name is not null and mag != 10')).toEqual([1, 2]);
  });
  it('compares text with quoted values, doubling quotes inside', () => {
    expect(rows("name = 'M 31'")).toEqual([0]);
    expect(rows("name = 'O''Brien'")).toEqual([2]);
  });
  it('points at the spot of a mistake', () => {
    expect(() => parseRowFilter('mag < ')).toThrow(FilterSyntaxError);
    expect(() => parseRowFilter('mag 12')).toThrow(/Expected a comparison .* \(at character 5\)/);
    expect(() => rows('mag < 1 or magg < 12')).toThrow(/There is no column magg \(at character 12\)/);
  });
  it('reads an empty filter as no filter', () => {
    expect(parseRowFilter('   ')).toBeNull();
  });
});
