import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { formatCount } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { columnSpec } from './columns';
import { JobTableHeader } from './job-table-header';
import { JobTableRow } from './job-table-row';
import type { JobRow } from './rows';

export { ROW_HEIGHT } from './job-table-row';
import { ROW_HEIGHT } from './job-table-row';
const CHECK_WIDTH = 36;

export type { RowMark } from './job-table-row';
import type { RowMark } from './job-table-row';

export interface JobTableProps {
  rows: JobRow[];
  columns: readonly string[];
  widths: Readonly<Record<string, number>>;
  onResize: (column: string, width: number) => void;
  selected: ReadonlySet<string>;
  onToggle: (key: string, shift: boolean) => void;
  /** Shift+Arrow: extend the selection from `from` to `to`. */
  onExtend: (to: string, from: string) => void;
  onToggleAll: (on: boolean) => void;
  sort: { column: string; desc: boolean };
  onSort: (column: string) => void;
  marks: ReadonlyMap<string, RowMark>;
  /** Told the rows in view (and a few around them) whenever they change. */
  onRowsInView: (rows: JobRow[]) => void;
  emptyText: ReactNode;
}

/** The job list as a virtualized table: only the rows in view are in the page, so 10 000 jobs scroll smoothly. */
export function JobTable(props: JobTableProps) {
  const { rows, columns, widths, onResize, selected, onToggle, onExtend, onToggleAll, sort, onSort, marks, onRowsInView, emptyText } = props;
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the rows are: a new key function makes the virtualizer lay out all 10 000 rows again, on every scrolled frame.
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey,
  });
  const colWidths = columns.map((id) => widths[id] ?? columnSpec(id)?.width ?? 120);
  const template = `${CHECK_WIDTH}px ${colWidths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = CHECK_WIDTH + colWidths.reduce((a, b) => a + b, 0);
  const selectedCount = useMemo(() => rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0), [rows, selected]);
  const selectState = rows.length === 0 || selectedCount === 0 ? 'none' : selectedCount === rows.length ? 'all' : 'some';

  // Keep the first row in view where it is when rows arrive above it.
  const topKey = useRef<string | null>(null);
  const order = useMemo(() => new Map(rows.map((r, i) => [r.key, i])), [rows]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !topKey.current) return;
    const i = order.get(topKey.current);
    if (i === undefined) return;
    const offset = el.scrollTop - Math.floor(el.scrollTop / ROW_HEIGHT) * ROW_HEIGHT;
    const want = i * ROW_HEIGHT + offset;
    if (el.scrollTop > 0 && Math.abs(want - el.scrollTop) >= ROW_HEIGHT) el.scrollTop = want;
  }, [order]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  // The virtualizer's own offset: reading the element's scrollTop here would force a layout on every scrolled frame.
  const offset = virtualizer.scrollOffset ?? 0;
  useEffect(() => {
    topKey.current = rows[Math.floor(offset / ROW_HEIGHT)]?.key ?? null;
  }, [rows, offset]);
  useEffect(() => {
    onRowsInView(rows.slice(first, last + 1));
  }, [first, last, rows, onRowsInView]);

  const focusRow = (index: number) => {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      const key = rows[index]?.key;
      const box = key ? scrollRef.current?.querySelector<HTMLInputElement>(`[data-row-key="${CSS.escape(key)}"] input[type=checkbox]`) : null;
      box?.focus();
    });
  };

  const handleRowKey = (e: KeyboardEvent<HTMLInputElement>, index: number) => {
    const key = rows[index]!.key;
    if (e.key === ' ' && e.shiftKey) {
      e.preventDefault();
      onToggle(key, true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const to = index + (e.key === 'ArrowDown' ? 1 : -1);
      if (to < 0 || to >= rows.length) return;
      e.preventDefault();
      if (e.shiftKey) onExtend(rows[to]!.key, key);
      focusRow(to);
    }
  };
  // One stable handler for every row, reading the latest rows: the rows are memoized and scrolling re-renders only new ones.
  const keyHandler = useRef(handleRowKey);
  useLayoutEffect(() => {
    keyHandler.current = handleRowKey;
  });
  const onRowKey = useCallback((e: KeyboardEvent<HTMLInputElement>, index: number) => keyHandler.current(e, index), []);

  return (
    <>
      <div
        ref={scrollRef}
        data-testid="job-scroller"
        role="table"
        aria-label="Jobs"
        aria-rowcount={rows.length + 1}
        className="h-[max(18rem,calc(100vh-22rem))] overflow-auto rounded-lg border border-slate-200 text-sm dark:border-slate-700"
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <JobTableHeader
            columns={columns}
            widths={colWidths}
            template={template}
            sort={sort}
            onSort={onSort}
            onResize={onResize}
            selectState={selectState}
            onToggleAll={onToggleAll}
          />
          {rows.length === 0 ? (
            <div role="rowgroup" data-testid="job-rows">
              <div role="row">
                <p role="cell" className="sticky left-0 max-w-[100vw] p-6 text-slate-600 dark:text-slate-400">
                  {emptyText}
                </p>
              </div>
            </div>
          ) : (
            <div role="rowgroup" data-testid="job-rows" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <JobTableRow
                  key={item.key}
                  row={rows[item.index]!}
                  index={item.index}
                  start={item.start}
                  template={template}
                  columns={columns}
                  selected={selected.has(rows[item.index]!.key)}
                  mark={marks.get(rows[item.index]!.key)}
                  now={now}
                  onToggle={onToggle}
                  onKey={onRowKey}
                />
              ))}
            </div>
          )}
        </div>
      </div>
      <p className="sr-only" aria-live="polite">
        {formatCount(rows.length)} jobs listed
      </p>
    </>
  );
}
