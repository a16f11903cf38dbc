/**
 * Keyboard movement in the result grid, as plain functions: where the active
 * cell goes for a key, and which header control comes next.
 */
import type { HeaderPart } from './column-header';

export interface CellPosition {
  row: number;
  col: number;
}

/**
 * The cell a key moves the active cell to (clamped to the grid), or null for
 * a key that does not move it. Arrows move by one, Page Up/Down by a page,
 * Home/End to the first or last column (with Ctrl or Cmd: the first or last row too).
 */
export function cellForKey(key: string, ctrl: boolean, at: CellPosition, rowCount: number, colCount: number, page: number): CellPosition | null {
  let { row, col } = at;
  switch (key) {
    case 'ArrowDown':
      row += 1;
      break;
    case 'ArrowUp':
      row -= 1;
      break;
    case 'ArrowRight':
      col += 1;
      break;
    case 'ArrowLeft':
      col -= 1;
      break;
    case 'PageDown':
      row += page;
      break;
    case 'PageUp':
      row -= page;
      break;
    case 'Home':
      row = ctrl ? 0 : row;
      col = 0;
      break;
    case 'End':
      row = ctrl ? rowCount - 1 : row;
      col = colCount - 1;
      break;
    default:
      return null;
  }
  return { row: Math.max(0, Math.min(rowCount - 1, row)), col: Math.max(0, Math.min(colCount - 1, col)) };
}

export interface HeaderStop {
  col: number;
  part: HeaderPart;
}

/** The header controls in order: each column's sort button (where sortable), then its info button. */
export function headerStops(colCount: number, sortable: (col: number) => boolean): HeaderStop[] {
  const stops: HeaderStop[] = [];
  for (let col = 0; col < colCount; col++) {
    if (sortable(col)) stops.push({ col, part: 'sort' });
    stops.push({ col, part: 'info' });
  }
  return stops;
}

/** The header control a key moves focus to (Left, Right, Home, End), or null for another key or no controls. */
export function headerStopForKey(key: string, stops: readonly HeaderStop[], at: HeaderStop): HeaderStop | null {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key) || stops.length === 0) return null;
  const here = Math.max(
    0,
    stops.findIndex((stop) => stop.col === at.col && stop.part === at.part),
  );
  const index = key === 'Home' ? 0 : key === 'End' ? stops.length - 1 : Math.max(0, Math.min(stops.length - 1, here + (key === 'ArrowRight' ? 1 : -1)));
  return stops[index]!;
}

/** The display position of a table row in the rows shown, or -1 when a filter or a sort's subset leaves it out. */
export function positionOfRow(order: Uint32Array | null, row: number, rowCount: number): number {
  if (!order) return row >= 0 && row < rowCount ? row : -1;
  return order.indexOf(row);
}
