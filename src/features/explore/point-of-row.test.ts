import { describe, expect, it } from 'vitest';
import { pointOfRow, pointsOfRows } from './point-of-row';

describe('the plot point of a picked row', () => {
  const rows = Uint32Array.from([0, 2, 3, 7, 10]);
  it('is found in the points, which keep table order', () => {
    expect(pointOfRow(rows, 0)).toBe(0);
    expect(pointOfRow(rows, 7)).toBe(3);
    expect(pointOfRow(rows, 10)).toBe(4);
  });
  it('is none for a row the plot leaves out (no position, or filtered away)', () => {
    expect(pointOfRow(rows, 1)).toBe(-1);
    expect(pointOfRow(rows, 11)).toBe(-1);
    expect(pointOfRow(new Uint32Array(0), 0)).toBe(-1);
  });
  it('gives the points of several rows, skipping those not plotted', () => {
    expect(pointsOfRows(rows, [3, 4, 10])).toEqual([2, 4]);
  });
});
