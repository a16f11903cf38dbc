import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { PhaseBadge } from '../../components/phase-badge';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { formatCount } from '../../lib/format';
import {
  askNotificationPermission,
  flagTitle,
  finishedText,
  useNotificationPermission,
} from '../../lib/job-finished-notice';
import { jobListPath, submitPath, type JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { EXECUTION_PHASES, isFinalPhase, type ExecutionPhase } from '../../protocol/uws/types';
import { BulkActions } from './bulk-actions';
import { FilterBar } from './filter-bar';
import { JobTable } from './job-table';
import { countPhases, filterRows, type JobRow } from './rows';
import { emptySelection, prune, selectAll, toggle, type Selection } from './selection';
import { useJobLists } from './use-job-lists';

export interface JobListPageProps {
  /** The services listed: one, or all of them. */
  services: ServiceConfig[];
  /** 'all' for the all-services view, else the service's TAP URL. */
  scope: string;
  filters: JobListFilters;
}

/** Tell the user when a listed job that was running finishes. */
function useFinishedJobsNotice(rows: JobRow[]) {
  const seen = useRef(new Map<string, ExecutionPhase>());
  useEffect(() => {
    const prev = seen.current;
    const next = new Map<string, ExecutionPhase>();
    for (const r of rows) {
      if (!r.phase || r.gone) continue;
      next.set(r.key, r.phase);
      const before = prev.get(r.key);
      if (before && !isFinalPhase(before) && isFinalPhase(r.phase)) {
        const text = finishedText({ jobId: r.jobId, runId: r.runId, phase: r.phase });
        flagTitle(text);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          try {
            new Notification(text, { body: r.service.label, tag: `uws-desk:${r.jobId}` });
          } catch {
            // the title still tells
          }
        }
      }
    }
    seen.current = next;
  }, [rows]);
}

/** A line another page left for this one (e.g. "Job … was deleted."), shown until the user moves on. */
function useArrivalNotice(): string | null {
  const state: unknown = useLocation().state;
  return state && typeof state === 'object' && 'notice' in state && typeof state.notice === 'string' ? state.notice : null;
}

export function JobListPage({ services, scope, filters }: JobListPageProps) {
  const navigate = useNavigate();
  const notice = useArrivalNotice();
  const { rows: allRows, states, refetchAll, isFetching } = useJobLists(services, filters);
  const rows = useMemo(() => filterRows(allRows, filters), [allRows, filters]);
  const counts = useMemo(() => countPhases(rows), [rows]);
  const [rawSelection, setSelection] = useState<Selection>(emptySelection);
  const order = useMemo(() => rows.map((r) => r.key), [rows]);
  const present = useMemo(() => new Set(order), [order]);
  // Jobs that left the list (filtered out, deleted) leave the selection too.
  const selection = useMemo(() => prune(rawSelection, present), [rawSelection, present]);
  const permission = useNotificationPermission();
  useFinishedJobsNotice(allRows);

  const setFilters = useCallback(
    (next: JobListFilters, options: { replace?: boolean } = {}) => {
      void navigate(jobListPath(scope, next), { replace: options.replace });
    },
    [navigate, scope],
  );

  const selectedRows = useMemo(() => rows.filter((r) => selection.keys.has(r.key)), [rows, selection]);
  const failed = states.filter((s) => s.error);
  const pending = states.filter((s) => s.isPending && !s.error);
  const updatedAt = Math.max(0, ...states.map((s) => s.updatedAt));
  const single = services.length === 1 ? services[0] : undefined;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">
          {scope === 'all' ? 'Jobs on all services' : `Jobs on ${single?.label ?? scope}`}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {updatedAt > 0 && (
            <span className="text-slate-600 dark:text-slate-400">
              Updated <RelativeTime date={new Date(updatedAt)} />
            </span>
          )}
          {permission === 'default' && (
            <Button size="sm" variant="ghost" onClick={() => void askNotificationPermission()}>
              Notify me when jobs finish
            </Button>
          )}
          <Button size="sm" onClick={refetchAll} disabled={isFetching} aria-label="Refresh the job list">
            {isFetching ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </div>

      {notice && (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-800 dark:bg-green-950/40 dark:text-green-200">
          {notice}
        </p>
      )}

      <FilterBar filters={filters} onChange={setFilters} />

      {failed.map((s) =>
        services.length > 1 ? (
          <details key={s.service.id} className="rounded-md border border-red-300 p-2 text-sm dark:border-red-800">
            <summary className="cursor-pointer font-medium text-red-900 dark:text-red-200">
              {s.service.label}: its jobs could not be listed
            </summary>
            <ErrorMessage className="mt-2" error={s.error} context={`Listing jobs on ${s.service.label}`} service={s.service} onRetry={s.refetch} />
          </details>
        ) : (
          <ErrorMessage key={s.service.id} error={s.error} context="Listing jobs" service={s.service} onRetry={s.refetch} />
        ),
      )}

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-1.5 text-sm" aria-label="Jobs per phase" role="group">
          {(rows.length > 0 || pending.length === 0) && (
            <span className="font-medium" data-testid="job-count">
              {formatCount(rows.length)} job{rows.length === 1 ? '' : 's'}
            </span>
          )}
          {[...EXECUTION_PHASES, 'GONE' as const].map((p) =>
            counts[p] ? (
              <span key={p} className="inline-flex items-center gap-1">
                <PhaseBadge phase={p} />
                <span className="tabular-nums">{formatCount(counts[p])}</span>
              </span>
            ) : null,
          )}
          {pending.length > 0 && <Spinner label={`Loading ${pending.map((s) => s.service.label).join(', ')}…`} />}
        </div>
        <BulkActions rows={selectedRows} />
      </div>

      <JobTable
        rows={rows}
        showService={services.length > 1}
        selected={selection.keys}
        onToggle={(key, shift) => setSelection(toggle(selection, order, key, shift))}
        onToggleAll={(on) => setSelection(on ? selectAll(order) : emptySelection)}
        sort={filters.sort ?? 'newest'}
        onSort={(sort) => setFilters({ ...filters, sort })}
        emptyText={
          pending.length
            ? 'Loading…'
            : allRows.length || filters.phases?.length || filters.after || filters.last || filters.q
              ? 'No job matches these filters.'
              : failed.length === states.length
                ? 'No list could be read.'
                : (
                  <>
                    No jobs yet.{' '}
                    {single && (
                      <Link className="text-blue-800 underline dark:text-blue-300" to={submitPath(single.tapUrl)}>
                        Submit a query
                      </Link>
                    )}
                  </>
                )
        }
      />
    </div>
  );
}
