import { describe, expect, it } from 'vitest';
import { layerOffset, rowWindow, scrollGeometry, scrollTopForRow } from './scroll-scale';

const ROW = 24;
const HEADER = 44;
const VIEWPORT = 520;
const CHROME_LIMIT = 30_000_000;

describe('scroll scaling of tall tables', () => {
  it('leaves tables the browser can lay out unscaled: one pixel of scroll is one pixel of rows', () => {
    const g = scrollGeometry(10_000, ROW, HEADER, CHROME_LIMIT);
    expect(g.scaled).toBe(false);
    expect(g.bodyHeight).toBe(240_000);
    const w = rowWindow(g, 2400, VIEWPORT);
    expect(w.first).toBeCloseTo(100, 6);
    expect(w.start).toBe(92);
    expect(w.end).toBe(100 + Math.ceil((VIEWPORT - HEADER) / ROW) + 8);
  });

  it('fits a million-row table into the browser limit and still reaches its first and last rows', () => {
    const rows = 2_000_000;
    const g = scrollGeometry(rows, ROW, HEADER, CHROME_LIMIT);
    expect(g.scaled).toBe(true);
    expect(HEADER + g.bodyHeight).toBe(CHROME_LIMIT);
    const top = rowWindow(g, 0, VIEWPORT);
    expect(top.first).toBe(0);
    expect(top.start).toBe(0);
    const bottom = rowWindow(g, top.maxScroll, VIEWPORT);
    expect(bottom.end).toBe(rows - 1);
    // The last row sits exactly at the bottom of the view.
    expect(bottom.first + (VIEWPORT - HEADER) / ROW).toBeCloseTo(rows, 6);
    // Beyond the ends, the window stays at the ends.
    expect(rowWindow(g, -500, VIEWPORT).first).toBe(0);
    expect(rowWindow(g, top.maxScroll + 1e6, VIEWPORT).end).toBe(rows - 1);
  });

  it('maps the middle of the scroll range to the middle of the table', () => {
    const g = scrollGeometry(2_000_000, ROW, HEADER, CHROME_LIMIT);
    const { maxScroll } = rowWindow(g, 0, VIEWPORT);
    const middle = rowWindow(g, maxScroll / 2, VIEWPORT);
    const rowsInView = (VIEWPORT - HEADER) / ROW;
    expect(middle.first).toBeCloseTo((2_000_000 - rowsInView) / 2, 3);
  });

  it('scrolls just enough to bring a row into view, and not at all when it is in view', () => {
    for (const rows of [10_000, 3_000_000]) {
      const g = scrollGeometry(rows, ROW, HEADER, CHROME_LIMIT);
      expect(scrollTopForRow(g, 3, 0, VIEWPORT)).toBeNull();
      for (const target of [5000, rows - 1, 0, Math.floor(rows / 3)]) {
        const top = scrollTopForRow(g, target, target === 0 ? rowWindow(g, 0, VIEWPORT).maxScroll : 0, VIEWPORT);
        expect(top).not.toBeNull();
        const w = rowWindow(g, top!, VIEWPORT);
        expect(target, `row ${target} of ${rows}`).toBeGreaterThanOrEqual(Math.floor(w.first));
        expect(target + 1).toBeLessThanOrEqual(Math.ceil(w.first + w.bodyView / ROW) + 1e-9);
        expect(scrollTopForRow(g, target, top!, VIEWPORT), `row ${target} is now in view`).toBeNull();
      }
    }
  });

  it('gives an empty window for an empty table', () => {
    const g = scrollGeometry(0, ROW, HEADER, CHROME_LIMIT);
    const w = rowWindow(g, 0, VIEWPORT);
    expect(w.end).toBeLessThan(w.start);
  });

  it('moves the row layer up by the fraction of the first row', () => {
    const g = scrollGeometry(2_000_000, ROW, HEADER, CHROME_LIMIT);
    expect(layerOffset(g, 100, 108.5)).toBe(-8.5 * ROW);
  });
});
