/** Sizes of the result grid: row and header heights, the row-number gutter, column widths, and the tallest element the browser lays out. */
import type { VoField, VoTableTable } from '../../protocol/votable/types';
import { cellText } from './format-cell';

export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 44;
export const ROW_OVERSCAN = 8;
/** Height kept for a horizontal scrollbar and the border under the last row. */
export const SCROLLBAR_ROOM = 18;
export const MIN_COLUMN_WIDTH = 72;
export const MAX_COLUMN_WIDTH = 420;
const CHAR_WIDTH = 8.1;

/** The row-number column: wide enough for the largest row number. */
export function gutterWidth(rowCount: number): number {
  return Math.max(48, String(rowCount).length * 8 + 20);
}

/** A column width from its header and the text of its first rows and of rows spread over the whole table. */
export function columnWidth(table: Pick<VoTableTable, 'rowCount' | 'cell'>, col: number, field: VoField): number {
  let chars = Math.max(field.name.length + 3, (field.unit ?? '').length);
  if (field.width !== undefined) chars = Math.max(chars, field.width);
  const rows = table.rowCount;
  const spread = Math.max(1, Math.floor(rows / 256));
  for (let row = 0; row < rows; row = row < 64 ? row + 1 : row + spread) {
    const value = table.cell(row, col);
    if (value !== null) chars = Math.max(chars, cellText(value, field.datatype).length);
  }
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, chars * CHAR_WIDTH + 24)));
}

/** The grid's height: every row of a short table (with room for a horizontal scrollbar), at most `maxHeight`. */
export function gridHeight(rowCount: number, maxHeight: number): number {
  return Math.min(maxHeight, HEADER_HEIGHT + Math.max(1, rowCount) * ROW_HEIGHT + SCROLLBAR_ROOM);
}

/** Rows a Page Up or Page Down moves: a screenful less one, so that one row stays in view. */
export function pageRows(height: number): number {
  return Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
}

let measuredMaxHeight: number | null = null;

/**
 * The tallest element this browser lays out (Chrome about 33.5 million
 * pixels, Firefox about 17.9 million), with a margin; 15 million where it
 * cannot be measured.
 */
export function maxElementHeight(): number {
  if (measuredMaxHeight !== null) return measuredMaxHeight;
  let height = 0;
  if (typeof document !== 'undefined' && document.body) {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:100000000px;visibility:hidden';
    document.body.appendChild(probe);
    height = probe.getBoundingClientRect().height;
    probe.remove();
  }
  measuredMaxHeight = height > 1_000_000 ? Math.floor(Math.min(height, 100_000_000) * 0.9) : 15_000_000;
  return measuredMaxHeight;
}
