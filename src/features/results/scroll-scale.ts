/**
 * Scroll scaling for tables taller than the browser can lay out.
 *
 * A body of rowCount × rowHeight pixels may exceed the tallest element a
 * browser lays out (Chrome about 33.5 million pixels). Such tables scroll
 * through a shorter body: the scroll position maps linearly onto the first
 * row shown (a fraction, so that the rows in view move smoothly), and the rows
 * in view are drawn in a layer that stays put. For shorter tables the mapping
 * is the identity: one pixel of scroll is one pixel of rows.
 *
 * Pure functions of the geometry, no DOM.
 */

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  /** The sticky header above the rows, part of the scrolling content. */
  headerHeight: number;
  /** Rows drawn above and below the rows in view. */
  overscan: number;
  /** Height of the scrolling content of rows, rowCount × rowHeight. */
  naturalBody: number;
  /** Height actually given to the rows: naturalBody, or less when scaled. */
  bodyHeight: number;
  scaled: boolean;
}

/** The geometry of a table of `rowCount` rows in a browser that lays out at most `limit` pixels. */
export function scrollGeometry(rowCount: number, rowHeight: number, headerHeight: number, limit: number, overscan = 8): ScrollGeometry {
  const naturalBody = rowCount * rowHeight;
  const scaled = headerHeight + naturalBody > limit;
  const bodyHeight = scaled ? Math.max(0, limit - headerHeight) : naturalBody;
  return { rowCount, rowHeight, headerHeight, overscan, naturalBody, bodyHeight, scaled };
}

export interface RowWindow {
  /** The (fractional) row at the top of the body. */
  first: number;
  /** First and last row to draw, overscan included (end < start when there are no rows). */
  start: number;
  end: number;
  /** Pixel height of the rows' part of the viewport. */
  bodyView: number;
  /** The largest scroll position. */
  maxScroll: number;
}

/** Which rows are in view at a scroll position, in a viewport of `viewport` pixels (header included). */
export function rowWindow(g: ScrollGeometry, scrollTop: number, viewport: number): RowWindow {
  const bodyView = Math.max(g.rowHeight, viewport - g.headerHeight);
  const maxScroll = Math.max(1, g.headerHeight + g.bodyHeight - viewport);
  const position = Math.min(Math.max(scrollTop, 0), maxScroll);
  const first = ((position / maxScroll) * Math.max(0, g.naturalBody - bodyView)) / g.rowHeight;
  const start = Math.max(0, Math.floor(first) - g.overscan);
  const end = Math.min(g.rowCount - 1, Math.ceil(first + bodyView / g.rowHeight) + g.overscan);
  return { first, start, end, bodyView, maxScroll };
}

/**
 * The scroll position that brings `row` fully into view with the least
 * movement, or null when it is in view already.
 */
export function scrollTopForRow(g: ScrollGeometry, row: number, scrollTop: number, viewport: number): number | null {
  const w = rowWindow(g, scrollTop, viewport);
  const visibleRows = w.bodyView / g.rowHeight;
  let first: number;
  if (row < w.first) first = row;
  else if (row + 1 > w.first + visibleRows) first = row + 1 - visibleRows;
  else return null;
  const span = Math.max(1, g.naturalBody - w.bodyView) / g.rowHeight;
  const top = (first / span) * w.maxScroll;
  // Round away from the row so that it ends up entirely inside the view.
  return Math.min(w.maxScroll, Math.max(0, row < w.first ? Math.floor(top) : Math.ceil(top)));
}

/** The layer's offset: how far the drawn rows (starting at `base`) move up for the fractional first row. */
export function layerOffset(g: ScrollGeometry, base: number, first: number): number {
  return (base - first) * g.rowHeight;
}
