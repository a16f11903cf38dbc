import { describe, expect, it } from 'vitest';
import type { Cell, VoField } from '../../protocol/votable/types';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, columnWidth, gridHeight, gutterWidth, pageRows, HEADER_HEIGHT, ROW_HEIGHT } from './grid-geometry';

const field = (name: string, extra: Partial<VoField> = {}): VoField => ({ name, datatype: 'char', shape: [-1], links: [], ...extra });
const table = (values: Cell[]) => ({ rowCount: values.length, cell: (row: number) => values[row]! });

describe('grid sizes', () => {
  it('makes a column wide enough for a long value far down the table', () => {
    const values: Cell[] = Array.from({ length: 10_000 }, () => 'x');
    values[64 + 39 * 250] = 'a much longer designation'; // one of the rows sampled beyond the first 64
    expect(columnWidth(table(values), 0, field('id'))).toBeGreaterThan(columnWidth(table(values.slice(0, 100)), 0, field('id')));
  });
  it('keeps column widths between the least and the most a column takes', () => {
    expect(columnWidth(table(['']), 0, field('a'))).toBe(MIN_COLUMN_WIDTH);
    expect(columnWidth(table(['y'.repeat(500)]), 0, field('a'))).toBe(MAX_COLUMN_WIDTH);
  });
  it('widens the row-number gutter for big tables', () => {
    expect(gutterWidth(1_000_000)).toBeGreaterThan(gutterWidth(10));
  });
  it('gives a short table only the height its rows need, a long one the most allowed', () => {
    expect(gridHeight(2, 480)).toBe(HEADER_HEIGHT + 2 * ROW_HEIGHT + 18);
    expect(gridHeight(1_000, 480)).toBe(480);
  });
  it('pages by a screenful less one row', () => {
    expect(pageRows(HEADER_HEIGHT + 10 * ROW_HEIGHT)).toBe(9);
  });
});
