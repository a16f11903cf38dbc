import { useEffect, useRef } from 'react';
import { columnSpec } from './columns';

function HeaderCheckbox({ state, onChange }: { state: 'none' | 'some' | 'all'; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" aria-label="Select all listed jobs" checked={state === 'all'} onChange={(e) => onChange(e.target.checked)} />;
}

/** Drag or arrow keys to change a column's width. */
function ResizeHandle({ label, width, onResize }: { label: string; width: number; onResize: (w: number) => void }) {
  return (
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${label}`}
      aria-valuenow={width}
      tabIndex={0}
      className="absolute top-0 right-0 h-full w-2 cursor-col-resize touch-none select-none hover:bg-blue-300 focus:bg-blue-400 focus:outline-none dark:hover:bg-blue-700"
      onPointerDown={(e) => {
        e.preventDefault();
        const startX = e.clientX;
        const target = e.currentTarget;
        target.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) => onResize(width + ev.clientX - startX);
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          onResize(width + (e.key === 'ArrowRight' ? 16 : -16));
        }
      }}
    />
  );
}

export interface JobTableHeaderProps {
  columns: readonly string[];
  widths: readonly number[];
  template: string;
  sort: { column: string; desc: boolean };
  onSort: (column: string) => void;
  onResize: (column: string, width: number) => void;
  selectState: 'none' | 'some' | 'all';
  onToggleAll: (on: boolean) => void;
}

export function JobTableHeader({ columns, widths, template, sort, onSort, onResize, selectState, onToggleAll }: JobTableHeaderProps) {
  return (
    <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
      <div role="row" aria-rowindex={1} className="grid items-center font-medium text-slate-700 dark:text-slate-300" style={{ gridTemplateColumns: template }}>
        <span role="columnheader" className="sticky left-0 flex justify-center bg-slate-50 py-1.5 dark:bg-slate-900">
          <HeaderCheckbox state={selectState} onChange={onToggleAll} />
        </span>
        {columns.map((id, i) => {
          const label = columnSpec(id)?.label ?? id;
          const active = sort.column === id;
          return (
            <span
              key={id}
              role="columnheader"
              aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
              className={`relative min-w-0 px-2 py-1.5 ${id === 'job' ? 'sticky left-9 z-10 bg-slate-50 dark:bg-slate-900' : ''}`}
            >
              <button
                type="button"
                className="inline-flex max-w-full items-center gap-1 truncate rounded text-left hover:underline"
                onClick={() => onSort(id)}
                title={`Sort by ${label.toLowerCase()}`}
              >
                <span className="truncate">{label}</span>
                {active && <span aria-hidden="true">{sort.desc ? '↓' : '↑'}</span>}
              </button>
              <ResizeHandle label={label} width={widths[i]!} onResize={(w) => onResize(id, w)} />
            </span>
          );
        })}
      </div>
    </div>
  );
}
