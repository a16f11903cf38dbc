/**
 * The virtualized result grid: only the rows and columns in view (plus a few
 * either side) are ever in the DOM, whatever the table size. Rows are read
 * on demand through the table's accessors and an optional sort permutation;
 * there is no state per row.
 *
 * Keyboard: the column headers are one tab stop (left and right arrows, Home
 * and End move between their sort and info buttons); the cells are another:
 * arrows, Page Up/Down, Home/End and Ctrl+Home/End move the active cell,
 * Ctrl/Cmd+C copies its exact value, Enter opens its link.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type Key, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VoTableTable } from '../../protocol/votable/types';
import { cellText, describeCell } from './format-cell';
import { ColumnHeader, type HeaderPart } from './column-header';
import { GridCell } from './grid-cell';
import { HEADER_HEIGHT, MIN_COLUMN_WIDTH, ROW_HEIGHT, columnWidth, gridHeight, gutterWidth, maxElementHeight, pageRows as pageRowsFor } from './grid-geometry';
import { cellForKey, headerStopForKey, headerStops, positionOfRow } from './grid-keys';
import { useGridRows } from './use-grid-rows';
import { layerOffset, rowWindow, scrollTopForRow } from './scroll-scale';
import type { SortState } from './sort-rows';

export { HEADER_HEIGHT, ROW_HEIGHT } from './grid-geometry';

export interface ResultsGridProps {
  table: VoTableTable;
  /** Display position -> table row; table order when null. */
  order: Uint32Array | null;
  sort: SortState | null;
  /** Columns that can be sorted (array columns cannot). */
  sortable: (col: number) => boolean;
  onSort: (col: number) => void;
  /** Accessible name of the grid. */
  label: string;
  /** Pixel height of the scrolling area; a table with fewer rows gets only the height it needs. */
  height?: number;
  /** The tallest scrolling content to make (default: what the browser can lay out). */
  maxScrollHeight?: number;
  /** The row the user picked (table order), marked in the grid; picked from outside, the grid scrolls to it. */
  pickedRow?: number | null;
  /** The user moved to, or clicked, a row (table order). */
  onPickRow?: (row: number) => void;
}

export function ResultsGrid({ table, order, sort, sortable, onSort, label, height: maxHeight = 480, maxScrollHeight, pickedRow = null, onPickRow }: ResultsGridProps) {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [headerFocus, setHeaderFocus] = useState<{ col: number; part: HeaderPart }>({ col: 0, part: 'sort' });
  const [openInfo, setOpenInfo] = useState<number | null>(null);
  const pendingHeaderFocus = useRef<{ col: number; part: HeaderPart } | null>(null);
  const closeInfo = useCallback(() => setOpenInfo(null), []);
  // The rows shown: a filter or a plot's selection may keep fewer than the table holds.
  const rowCount = order ? order.length : table.rowCount;
  // Every row of a short table in view (with room for a horizontal scrollbar), no empty area below it.
  const height = gridHeight(rowCount, maxHeight);
  const colCount = table.fields.length;
  const gutter = gutterWidth(rowCount);

  const widths = useMemo(() => table.fields.map((field, col) => columnWidth(table, col, field)), [table]);

  const { geometry, rows, layerRef, placeLayer } = useGridRows(scrollRef, rowCount, height, maxScrollHeight ?? maxElementHeight());
  const { scaled, bodyHeight } = geometry;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const columns = useVirtualizer({
    count: colCount,
    horizontal: true,
    getScrollElement: () => scrollRef.current,
    estimateSize: (col) => widths[col] ?? MIN_COLUMN_WIDTH,
    overscan: 2,
    scrollMargin: gutter,
    scrollPaddingStart: gutter,
    initialRect: { width: 960, height },
  });

  const rowOf = useCallback((position: number) => (order ? order[position]! : position), [order]);

  const activeRow = Math.min(active.row, Math.max(0, rowCount - 1));
  const activeCol = Math.min(active.col, Math.max(0, colCount - 1));
  const cellId = (row: number, col: number) => `${gridId}-r${row}-c${col}`;

  const exactText = (position: number, col: number): string => {
    const value = table.cell(rowOf(position), col);
    return value === null ? '' : cellText(value, table.fields[col]!.datatype);
  };

  const moveTo = (row: number, col: number, pick = true) => {
    const r = Math.max(0, Math.min(rowCount - 1, row));
    const c = Math.max(0, Math.min(colCount - 1, col));
    setActive({ row: r, col: c });
    if (pick && rowCount > 0) onPickRow?.(rowOf(r));
    const element = scrollRef.current;
    if (scaled && element) {
      const top = scrollTopForRow(geometry, r, element.scrollTop, element.clientHeight);
      if (top !== null) element.scrollTo({ top });
    } else {
      rows.scrollToIndex(r, { align: 'auto' });
    }
    columns.scrollToIndex(c, { align: 'auto' });
  };

  // A row picked elsewhere (a plot, another tool) is brought into view, without picking it again.
  const shownPick = useRef<number | null>(null);
  useEffect(() => {
    if (pickedRow === null || pickedRow === shownPick.current) return;
    shownPick.current = pickedRow;
    if (rowCount === 0 || rowOf(activeRow) === pickedRow) return;
    const position = positionOfRow(order, pickedRow, rowCount);
    if (position >= 0) moveTo(position, activeCol, false);
  });

  const page = pageRowsFor(height);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rowCount === 0) return;
    const target = cellForKey(event.key, event.ctrlKey || event.metaKey, { row: activeRow, col: activeCol }, rowCount, colCount, page);
    if (target) {
      moveTo(target.row, target.col);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      // Links in cells are not tab stops: Enter opens the active cell's link.
      const display = describeCell(table.cell(rowOf(activeRow), activeCol), table.fields[activeCol]!.datatype);
      if (display.kind === 'link') {
        window.open(display.href, '_blank', 'noopener,noreferrer');
        event.preventDefault();
      }
    }
  };

  const onHeaderKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = headerStopForKey(event.key, headerStops(colCount, sortable), headerFocus);
    if (!next) return;
    event.preventDefault();
    setHeaderFocus(next);
    pendingHeaderFocus.current = next;
    columns.scrollToIndex(next.col, { align: 'auto' });
    focusHeader();
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.toString() !== '') return;
    if (rowCount === 0) return;
    event.clipboardData.setData('text/plain', exactText(activeRow, activeCol));
    event.preventDefault();
  };

  /** Focus the header control asked for by the arrow keys, once its column is rendered. */
  function focusHeader() {
    const wanted = pendingHeaderFocus.current;
    if (!wanted) return;
    const control = scrollRef.current?.querySelector<HTMLElement>(
      `[role="columnheader"][aria-colindex="${wanted.col + 2}"] [data-header-part="${wanted.part}"]`,
    );
    if (control) {
      pendingHeaderFocus.current = null;
      control.focus({ preventScroll: true });
    }
  }
  useEffect(focusHeader);

  const virtualRows = rows.getVirtualItems();
  const virtualColumns = columns.getVirtualItems();
  // The header's one tab stop: the last focused control, or the first rendered one when that column is out of view.
  const headerTabCol = virtualColumns.some((c) => c.index === headerFocus.col) ? headerFocus.col : (virtualColumns[0]?.index ?? 0);
  const headerTabPart: HeaderPart = headerTabCol === headerFocus.col && (headerFocus.part === 'info' || sortable(headerTabCol)) ? headerFocus.part : sortable(headerTabCol) ? 'sort' : 'info';
  const totalWidth = gutter + columns.getTotalSize();
  const activeDescendant = rowCount > 0 && colCount > 0 ? cellId(activeRow, activeCol) : undefined;
  const viewport = rows.scrollRect?.height || height;
  const layerWindow = rowWindow(geometry, scaled ? (scrollRef.current?.scrollTop ?? 0) : 0, viewport);
  const layerBase = virtualRows[0]?.index ?? 0;
  const layerFirst = layerWindow.first;

  const renderRow = (position: number, key: Key, top: number) => {
    const row = rowOf(position);
    return (
      <div
        key={key}
        role="row"
        aria-rowindex={position + 2}
        aria-selected={row === pickedRow ? true : undefined}
        className={`absolute left-0 border-b border-slate-100 dark:border-slate-800 ${row === pickedRow ? 'bg-amber-100 dark:bg-amber-900/60' : position % 2 === 0 ? 'bg-white dark:bg-slate-950' : 'bg-slate-50 dark:bg-slate-900'}`}
        style={{ top: 0, transform: `translateY(${top}px)`, height: ROW_HEIGHT, width: totalWidth }}
      >
        <div
          role="rowheader"
          aria-colindex={1}
          className="sticky left-0 z-10 h-full border-r border-slate-200 px-2 text-right text-xs leading-6 text-slate-500 tabular-nums dark:border-slate-800 dark:text-slate-400"
          style={{ width: gutter, backgroundColor: 'inherit' }}
        >
          {row + 1}
        </div>
        {virtualColumns.map((column) => {
          const field = table.fields[column.index]!;
          const isActive = position === activeRow && column.index === activeCol;
          return (
            <GridCell
              key={column.key}
              id={cellId(position, column.index)}
              colIndex={column.index + 2}
              left={column.start}
              width={column.size}
              field={field}
              value={table.cell(row, column.index)}
              active={isActive}
              onActivate={() => {
                setActive({ row: position, col: column.index });
                shownPick.current = row;
                onPickRow?.(row);
              }}
            />
          );
        })}
      </div>
    );
  };

  return (
    <div
      ref={scrollRef}
      id={gridId}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={colCount + 1}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      onScroll={placeLayer}
      className="relative overflow-auto rounded-md border border-slate-300 bg-white font-mono text-[13px] text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      style={{ height, width: totalWidth + 2, maxWidth: '100%', contain: 'strict' }}
    >
      <div style={{ height: HEADER_HEIGHT + bodyHeight, width: totalWidth, position: 'relative' }}>
        <div
          role="row"
          aria-rowindex={1}
          className="sticky top-0 z-20 border-b border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-900"
          style={{ height: HEADER_HEIGHT, width: totalWidth }}
          onKeyDown={onHeaderKeyDown}
        >
          <div
            role="columnheader"
            aria-colindex={1}
            className="sticky left-0 z-10 flex h-full items-end border-r border-slate-300 bg-slate-100 px-2 pb-1 font-sans text-xs text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400"
            style={{ width: gutter }}
          >
            #
          </div>
          {virtualColumns.map((column) => (
            <ColumnHeader
              key={column.key}
              field={table.fields[column.index]!}
              colIndex={column.index + 2}
              left={column.start}
              width={column.size}
              height={HEADER_HEIGHT}
              popoverAlign={column.end + 300 > totalWidth && column.start > 300 ? 'right' : 'left'}
              sort={sort?.column === column.index ? sort.direction : null}
              sortable={sortable(column.index)}
              onSort={() => onSort(column.index)}
              infoOpen={openInfo === column.index}
              onToggleInfo={() => setOpenInfo((open) => (open === column.index ? null : column.index))}
              onCloseInfo={closeInfo}
              tabStop={column.index === headerTabCol ? headerTabPart : null}
              onFocusPart={(part) => setHeaderFocus({ col: column.index, part })}
            />
          ))}
        </div>
        {rowCount === 0 && (
          <p className="sticky left-0 px-3 py-2 font-sans text-sm text-slate-600 dark:text-slate-300">The result has no rows.</p>
        )}
        {scaled ? (
          <div className="sticky overflow-clip" style={{ top: HEADER_HEIGHT, height: Math.max(0, viewport - HEADER_HEIGHT), width: totalWidth }}>
            <div
              ref={layerRef}
              data-base={layerBase}
              className="relative"
              style={{ transform: `translateY(${layerOffset(geometry, layerBase, layerFirst)}px)` }}
            >
              {virtualRows.map((virtualRow) => renderRow(virtualRow.index, virtualRow.key, (virtualRow.index - layerBase) * ROW_HEIGHT))}
            </div>
          </div>
        ) : (
          virtualRows.map((virtualRow) => renderRow(virtualRow.index, virtualRow.key, virtualRow.start))
        )}
      </div>
    </div>
  );
}
