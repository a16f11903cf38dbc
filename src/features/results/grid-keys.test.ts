import { describe, expect, it } from 'vitest';
import { cellForKey, headerStopForKey, headerStops, positionOfRow } from './grid-keys';

describe('moving the active cell with the keyboard', () => {
  const at = { row: 5, col: 2 };
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(cellForKey('ArrowDown', false, at, 10, 4, 3)).toEqual({ row: 6, col: 2 });
    expect(cellForKey('ArrowRight', false, { row: 5, col: 3 }, 10, 4, 3)).toEqual({ row: 5, col: 3 });
    expect(cellForKey('ArrowUp', false, { row: 0, col: 0 }, 10, 4, 3)).toEqual({ row: 0, col: 0 });
  });
  it('moves a page with Page Up and Page Down, never beyond the first or last row', () => {
    expect(cellForKey('PageDown', false, at, 10, 4, 3)).toEqual({ row: 8, col: 2 });
    expect(cellForKey('PageDown', false, at, 10, 4, 30)).toEqual({ row: 9, col: 2 });
    expect(cellForKey('PageUp', false, at, 10, 4, 30)).toEqual({ row: 0, col: 2 });
  });
  it('goes to the row ends with Home and End, and to the table ends with Ctrl', () => {
    expect(cellForKey('Home', false, at, 10, 4, 3)).toEqual({ row: 5, col: 0 });
    expect(cellForKey('End', false, at, 10, 4, 3)).toEqual({ row: 5, col: 3 });
    expect(cellForKey('Home', true, at, 10, 4, 3)).toEqual({ row: 0, col: 0 });
    expect(cellForKey('End', true, at, 10, 4, 3)).toEqual({ row: 9, col: 3 });
  });
  it('leaves other keys to the page', () => {
    expect(cellForKey('a', false, at, 10, 4, 3)).toBeNull();
    expect(cellForKey('Enter', false, at, 10, 4, 3)).toBeNull();
  });
});

describe('moving between header controls', () => {
  const stops = headerStops(3, (col) => col !== 1);
  it('lists each column sort button (where it sorts) before its info button', () => {
    expect(stops).toEqual([
      { col: 0, part: 'sort' },
      { col: 0, part: 'info' },
      { col: 1, part: 'info' },
      { col: 2, part: 'sort' },
      { col: 2, part: 'info' },
    ]);
  });
  it('steps with Left and Right, jumps with Home and End, and ignores other keys', () => {
    expect(headerStopForKey('ArrowRight', stops, { col: 0, part: 'info' })).toEqual({ col: 1, part: 'info' });
    expect(headerStopForKey('ArrowLeft', stops, { col: 0, part: 'sort' })).toEqual({ col: 0, part: 'sort' });
    expect(headerStopForKey('End', stops, { col: 0, part: 'sort' })).toEqual({ col: 2, part: 'info' });
    expect(headerStopForKey('Home', stops, { col: 2, part: 'info' })).toEqual({ col: 0, part: 'sort' });
    expect(headerStopForKey('ArrowDown', stops, { col: 0, part: 'sort' })).toBeNull();
  });
});

describe('finding a row picked elsewhere among the rows shown', () => {
  it('is its own position in table order', () => {
    expect(positionOfRow(null, 7, 10)).toBe(7);
    expect(positionOfRow(null, 10, 10)).toBe(-1);
  });
  it('is its place in the sorted or narrowed rows, or -1 when they leave it out', () => {
    expect(positionOfRow(Uint32Array.from([9, 7, 3]), 7, 3)).toBe(1);
    expect(positionOfRow(Uint32Array.from([9, 3]), 7, 2)).toBe(-1);
  });
});
