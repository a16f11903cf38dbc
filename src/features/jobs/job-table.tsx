import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { PhaseBadge } from '../../components/phase-badge';
import { RelativeTime } from '../../components/relative-time';
import { formatCount } from '../../lib/format';
import { forgetJob } from '../../lib/local-jobs';
import { jobPath } from '../../lib/routes';
import type { JobRow } from './rows';

export const ROW_HEIGHT = 36;

export interface JobTableProps {
  rows: JobRow[];
  showService: boolean;
  selected: ReadonlySet<string>;
  onToggle: (key: string, shift: boolean) => void;
  onToggleAll: (on: boolean) => void;
  sort: 'newest' | 'oldest';
  onSort: (sort: 'newest' | 'oldest') => void;
  emptyText: ReactNode;
}

function HeaderCheckbox({ state, onChange }: { state: 'none' | 'some' | 'all'; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all listed jobs"
      checked={state === 'all'}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

/** The job list as a virtualized table: only the rows in view are in the page, so 10 000 jobs scroll smoothly. */
export function JobTable({ rows, showService, selected, onToggle, onToggleAll, sort, onSort, emptyText }: JobTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]!.key,
  });
  const cols = showService
    ? 'grid-cols-[2.25rem_minmax(7rem,1.1fr)_6.5rem_minmax(6rem,1fr)_8rem_minmax(7rem,0.9fr)_minmax(8rem,2fr)]'
    : 'grid-cols-[2.25rem_minmax(7rem,1.1fr)_6.5rem_minmax(6rem,1fr)_8rem_minmax(8rem,2.5fr)]';
  const selectedCount = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0);
  const headState = selectedCount === 0 ? 'none' : selectedCount === rows.length ? 'all' : 'some';

  return (
    <>
      <div
        role="table"
        aria-label="Jobs"
        aria-rowcount={rows.length + 1}
        className="overflow-hidden rounded-lg border border-slate-200 text-sm dark:border-slate-700"
      >
        <div role="rowgroup" className="border-b border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
          <div role="row" aria-rowindex={1} className={`grid ${cols} items-center gap-2 px-2 py-1.5 font-medium text-slate-700 dark:text-slate-300`}>
            <span role="columnheader" className="flex justify-center">
              <HeaderCheckbox state={rows.length === 0 ? 'none' : headState} onChange={onToggleAll} />
            </span>
            <span role="columnheader">Job</span>
            <span role="columnheader">Phase</span>
            <span role="columnheader">Run id</span>
            <span role="columnheader" aria-sort={sort === 'newest' ? 'descending' : 'ascending'}>
              <button
                type="button"
                className="inline-flex items-center gap-1 rounded hover:underline"
                onClick={() => onSort(sort === 'newest' ? 'oldest' : 'newest')}
                title={sort === 'newest' ? 'Newest first; click for oldest first' : 'Oldest first; click for newest first'}
              >
                Created <span aria-hidden="true">{sort === 'newest' ? '↓' : '↑'}</span>
                <span className="sr-only">{sort === 'newest' ? '(newest first)' : '(oldest first)'}</span>
              </button>
            </span>
            {showService && <span role="columnheader">Service</span>}
            <span role="columnheader">Query / owner</span>
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          data-testid="job-rows"
          className="h-[max(18rem,calc(100vh-20rem))] overflow-auto"
        >
          {rows.length === 0 ? (
            <div role="row">
              <p role="cell" className="p-6 text-center text-slate-600 dark:text-slate-400">
                {emptyText}
              </p>
            </div>
          ) : (
            <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const r = rows[item.index]!;
                const isSelected = selected.has(r.key);
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={isSelected}
                    data-job-id={r.jobId}
                    className={`absolute top-0 left-0 grid w-full ${cols} items-center gap-2 border-b border-slate-100 px-2 dark:border-slate-800 ${
                      isSelected ? 'bg-blue-50 dark:bg-blue-950/50' : 'hover:bg-slate-50 dark:hover:bg-slate-900'
                    }`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell" className="flex justify-center">
                      <input
                        type="checkbox"
                        aria-label={`Select job ${r.jobId}`}
                        checked={isSelected}
                        onChange={() => undefined}
                        onClick={(e) => onToggle(r.key, e.shiftKey)}
                      />
                    </span>
                    <span role="cell" className="truncate font-mono">
                      <Link className="text-blue-800 underline-offset-2 hover:underline dark:text-blue-300" to={jobPath(r.service.tapUrl, r.jobUrl)}>
                        {r.jobId}
                      </Link>
                      {r.local && (
                        <span className="ml-1.5 font-sans text-[11px] text-slate-600 dark:text-slate-400" title="Created from this browser">
                          (mine)
                        </span>
                      )}
                    </span>
                    <span role="cell">
                      {r.gone ? (
                        <PhaseBadge phase="GONE" />
                      ) : r.phase ? (
                        <PhaseBadge phase={r.phase} />
                      ) : (
                        <span className="text-xs text-slate-600 dark:text-slate-400">looking…</span>
                      )}
                    </span>
                    <span role="cell" className="truncate" title={r.runId ?? undefined}>
                      {r.runId ?? <span className="text-slate-500 dark:text-slate-400">—</span>}
                    </span>
                    <span role="cell" className="truncate">
                      <RelativeTime date={r.creationTime} />
                    </span>
                    {showService && (
                      <span role="cell" className="truncate" title={r.service.tapUrl}>
                        {r.service.label}
                      </span>
                    )}
                    <span role="cell" className="flex min-w-0 items-center gap-2">
                      {r.gone ? (
                        <>
                          <span className="truncate text-slate-700 dark:text-slate-300">The service no longer knows this job.</span>
                          <button
                            type="button"
                            className="shrink-0 rounded px-1.5 text-xs text-blue-800 underline dark:text-blue-300"
                            onClick={() => forgetJob(r.jobUrl)}
                          >
                            Forget<span className="sr-only"> job {r.jobId}</span>
                          </button>
                        </>
                      ) : (
                        <span className="truncate font-mono text-xs text-slate-700 dark:text-slate-300" title={r.query ?? undefined}>
                          {r.query ??
                            (r.ownerId ? (
                              <span className="font-sans">owner {r.ownerId}</span>
                            ) : (
                              <span className="font-sans text-slate-500 dark:text-slate-400" title="The service lists jobs without their queries; open the job to see it.">
                                —
                              </span>
                            ))}
                        </span>
                      )}
                    </span>
                  </div>
                );
              })}
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
