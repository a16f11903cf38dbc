import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { VoField } from '../../protocol/votable/types';
import type { SortDirection } from './sort-rows';

/** The two controls of a header: the sort button (where sortable) and the info button. */
export type HeaderPart = 'sort' | 'info';

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
  /** Whether the column info popover is open (one at a time, kept by the grid). */
  infoOpen: boolean;
  onToggleInfo: () => void;
  onCloseInfo: () => void;
  /** The one header control that is a tab stop (roving tabindex), if it is in this header. */
  tabStop: HeaderPart | null;
  /** A header control got focus (by click, tab or arrow key). */
  onFocusPart: (part: HeaderPart) => void;
}

/** The datatype as written in the VOTable, with its arraysize. */
export function typeLabel(field: VoField): string {
  return field.arraysize ? `${field.datatype}[${field.arraysize}]` : field.datatype;
}

/**
 * A column header: the name (a sort button where sortable) and unit, and an
 * info button that toggles a popover with unit, UCD, type and description.
 * Click or Enter toggles the popover; Escape or a click outside closes it.
 */
export function ColumnHeader(props: ColumnHeaderProps) {
  const { field, colIndex, left, width, height, sort, sortable, onSort, popoverAlign = 'left', infoOpen, onToggleInfo, onCloseInfo, tabStop, onFocusPart } =
    props;
  const popoverId = useId();
  const headerRef = useRef<HTMLDivElement>(null);
  const ariaSort = sort ?? (sortable ? 'none' : undefined);
  const arrow = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '';

  useEffect(() => {
    if (!infoOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!headerRef.current?.contains(event.target as Node)) onCloseInfo();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [infoOpen, onCloseInfo]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && infoOpen) {
      event.stopPropagation();
      onCloseInfo();
      headerRef.current?.querySelector<HTMLElement>('[data-header-part="info"]')?.focus();
    }
  };
  const nameBlock = (
    <span className="flex min-w-0 flex-col items-start">
      <span className="flex w-full min-w-0 items-center gap-1">
        <bdi className="truncate font-semibold">{field.name}</bdi>
        {arrow && (
          <span aria-hidden="true" className="text-[10px] text-blue-700 dark:text-blue-300">
            {arrow}
          </span>
        )}
      </span>
      <span className="w-full truncate text-left text-[11px] font-normal text-slate-600 dark:text-slate-400">
        {field.unit ? <bdi>{field.unit}</bdi> : '\u00a0'}
      </span>
    </span>
  );
  return (
    <div
      ref={headerRef}
      role="columnheader"
      aria-colindex={colIndex}
      aria-sort={ariaSort}
      className="absolute top-0 flex items-stretch border-r border-slate-200 font-sans text-xs [unicode-bidi:isolate] dark:border-slate-700"
      style={{ left, width, height }}
      onKeyDown={onKeyDown}
    >
      {sortable ? (
        <button
          type="button"
          onClick={onSort}
          title={`Sort by ${field.name}`}
          tabIndex={tabStop === 'sort' ? 0 : -1}
          data-header-part="sort"
          onFocus={() => onFocusPart('sort')}
          className="flex min-w-0 flex-1 items-center px-2 text-left text-slate-800 hover:bg-slate-200 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          {nameBlock}
        </button>
      ) : (
        <span className="flex min-w-0 flex-1 items-center px-2 text-slate-800 dark:text-slate-100">{nameBlock}</span>
      )}
      <button
        type="button"
        aria-label={`About column ${field.name}`}
        aria-expanded={infoOpen}
        aria-controls={infoOpen ? popoverId : undefined}
        tabIndex={tabStop === 'info' ? 0 : -1}
        data-header-part="info"
        onFocus={() => onFocusPart('info')}
        onClick={onToggleInfo}
        className="w-5 shrink-0 text-slate-500 hover:bg-slate-200 hover:text-slate-700 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800 dark:hover:text-slate-200"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mx-auto h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 7v4.5M8 4.6v.2" strokeLinecap="round" />
        </svg>
      </button>
      {infoOpen && (
        <div
          id={popoverId}
          role="group"
          aria-label={`Column ${field.name}`}
          className={`absolute top-full ${popoverAlign === 'right' ? 'right-0' : 'left-0'} z-30 mt-1 w-72 max-w-[80vw] rounded-md border border-slate-300 bg-white p-3 text-xs whitespace-normal text-slate-800 shadow-lg dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`}
        >
          <p className="mb-1 font-mono text-sm font-semibold break-all">
            <bdi>{field.name}</bdi>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
            <Row term="Unit" value={field.unit} />
            <Row term="UCD" value={field.ucd} />
            <Row term="Type" value={typeLabel(field)} />
            <Row term="xtype" value={field.xtype} />
            <Row term="utype" value={field.utype} />
          </dl>
          {field.description ? (
            <p className="mt-2 text-slate-700 dark:text-slate-300">
              <bdi>{field.description}</bdi>
            </p>
          ) : null}
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
      <dd className="font-mono break-all">
        <bdi>{value}</bdi>
      </dd>
    </>
  );
}
