import { memo, type KeyboardEvent } from 'react';
import { JobCell } from './job-cell';
import type { JobRow } from './rows';

export type RowMark = 'new' | 'changed';

export const ROW_HEIGHT = 36;

export interface JobTableRowProps {
  row: JobRow;
  index: number;
  start: number;
  template: string;
  columns: readonly string[];
  selected: boolean;
  mark: RowMark | undefined;
  now: number;
  onToggle: (key: string, shift: boolean) => void;
  onKey: (e: KeyboardEvent<HTMLInputElement>, index: number) => void;
}

/** One job in the table; memoized, so scrolling renders only the rows that come into view. */
export const JobTableRow = memo(function JobTableRow({ row: r, index, start, template, columns, selected, mark, now, onToggle, onKey }: JobTableRowProps) {
  const bg = selected
    ? 'bg-blue-50 dark:bg-blue-950'
    : mark
      ? 'bg-amber-50 dark:bg-amber-950'
      : 'bg-white hover:bg-slate-50 dark:bg-slate-950 dark:hover:bg-slate-900';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-job-id={r.jobId}
      data-row-key={r.key}
      data-mark={mark}
      className={`absolute top-0 left-0 grid w-full items-center border-b border-slate-100 dark:border-slate-800 ${bg}`}
      // Each row lays itself out alone: a scrolled frame lays out only the rows that came into view.
      style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${start}px)`, contain: 'layout style' }}
    >
      <span role="cell" className={`sticky left-0 flex h-full items-center justify-center ${bg}`}>
        <input
          type="checkbox"
          aria-label={`Select job ${r.jobId}`}
          checked={selected}
          onChange={() => undefined}
          onClick={(e) => onToggle(r.key, e.shiftKey)}
          onKeyDown={(e) => onKey(e, index)}
          onKeyUp={(e) => {
            // Shift+Space was handled on key down: no second toggle from the checkbox's own activation.
            if (e.key === ' ' && e.shiftKey) e.preventDefault();
          }}
        />
      </span>
      {columns.map((id) => (
        <span key={id} role="cell" className={`flex h-full min-w-0 items-center px-2 [unicode-bidi:isolate] ${id === 'job' ? `sticky left-9 z-[1] ${bg}` : ''}`}>
          {mark && id === 'job' && <span className="sr-only">{mark === 'new' ? '(new) ' : '(changed) '}</span>}
          <JobCell column={id} row={r} now={now} />
        </span>
      ))}
    </div>
  );
});
