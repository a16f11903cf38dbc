import { useId, useState, type KeyboardEvent } from 'react';
import type { VoField } from '../../protocol/votable/types';
import type { SortDirection } from './sort-rows';

export interface ColumnHeaderProps {
  field: VoField;
  colIndex: number;
  left: number;
  width: number;
  height: number;
  sort: SortDirection | null;
  sortable: boolean;
  onSort: () => void;
  /** Which header edge the popover lines up with (right for the last columns). */
  popoverAlign?: 'left' | 'right';
}

/** The datatype as written in the VOTable, with its arraysize. */
export function typeLabel(field: VoField): string {
  return field.arraysize ? `${field.datatype}[${field.arraysize}]` : field.datatype;
}

/**
 * A column header: the name (a sort button where sortable) and unit, and an
 * info button that opens a popover with unit, UCD, type and description. The
 * popover opens on hover and on keyboard focus, and Escape closes it.
 */
export function ColumnHeader({ field, colIndex, left, width, height, sort, sortable, onSort, popoverAlign = 'left' }: ColumnHeaderProps) {
  const popoverId = useId();
  const [open, setOpen] = useState(false);
  const ariaSort = sort ?? (sortable ? 'none' : undefined);
  const arrow = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '';
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  };
  const nameBlock = (
    <span className="flex min-w-0 flex-col items-start">
      <span className="flex w-full min-w-0 items-center gap-1">
        <span className="truncate font-semibold">{field.name}</span>
        {arrow && (
          <span aria-hidden="true" className="text-[10px] text-blue-700 dark:text-blue-300">
            {arrow}
          </span>
        )}
      </span>
      <span className="w-full truncate text-left text-[11px] font-normal text-slate-600 dark:text-slate-400">
        {field.unit ? field.unit : '\u00a0'}
      </span>
    </span>
  );
  return (
    <div
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={ariaSort}
      className="absolute top-0 flex items-stretch border-r border-slate-200 font-sans text-xs dark:border-slate-700"
      style={{ left, width, height }}
      onKeyDown={onKeyDown}
      onMouseLeave={() => setOpen(false)}
    >
      {sortable ? (
        <button
          type="button"
          onClick={onSort}
          title={`Sort by ${field.name}`}
          className="flex min-w-0 flex-1 items-center px-2 text-left text-slate-800 hover:bg-slate-200 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          {nameBlock}
        </button>
      ) : (
        <span className="flex min-w-0 flex-1 items-center px-2 text-slate-800 dark:text-slate-100">{nameBlock}</span>
      )}
      <button
        type="button"
        aria-label={`About column ${field.name}`}
        aria-expanded={open}
        aria-describedby={open ? popoverId : undefined}
        onClick={() => setOpen((value) => !value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onMouseEnter={() => setOpen(true)}
        className="w-5 shrink-0 text-slate-500 hover:bg-slate-200 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mx-auto h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 7v4.5M8 4.6v.2" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div
          id={popoverId}
          role="tooltip"
          className={`absolute top-full ${popoverAlign === 'right' ? 'right-0' : 'left-0'} z-30 mt-1 w-72 max-w-[80vw] rounded-md border border-slate-300 bg-white p-3 text-xs whitespace-normal text-slate-800 shadow-lg dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`}
        >
          <p className="mb-1 font-mono text-sm font-semibold break-all">{field.name}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
            <Row term="Unit" value={field.unit} />
            <Row term="UCD" value={field.ucd} />
            <Row term="Type" value={typeLabel(field)} />
            <Row term="xtype" value={field.xtype} />
            <Row term="utype" value={field.utype} />
          </dl>
          {field.description ? <p className="mt-2 text-slate-700 dark:text-slate-300">{field.description}</p> : null}
        </div>
      )}
    </div>
  );
}

function Row({ term, value }: { term: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="font-mono break-all">{value}</dd>
    </>
  );
}
