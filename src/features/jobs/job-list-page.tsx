import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { PhaseBadge } from '../../components/phase-badge';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { formatCount } from '../../lib/format';
import { askNotificationPermission, useNotificationPermission } from '../../lib/job-finished-notice';
import { jobListPath, submitPath, type JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { useNow } from '../../lib/use-now';
import { EXECUTION_PHASES } from '../../protocol/uws/types';
import { BulkActions } from './bulk-actions';
import { ColumnChooser } from './column-chooser';
import { columnNeedsDetail, columnSpec, COLUMNS } from './columns';
import { ExportButtons } from './export-buttons';
import { FilterBar } from './filter-bar';
import { SavedViewsMenu } from './saved-views-menu';
import { useArrivalNotice, useFinishedJobsNotice, useRowMarks } from './job-list-hooks';
import { JobOverview } from './job-overview';
import { JobTable } from './job-table';
import { countPhases, DetailMerger, filterRows, type JobRow } from './rows';
import { emptySelection, extendTo, prune, selectAll, toggle, type Selection } from './selection';
import { useColumnPrefs } from './use-column-prefs';
import { useJobDetails } from './use-job-details';
import { useJobLists } from './use-job-lists';

const DEFAULT_SORT = { column: 'created', desc: true };


/** Whether these filters look at fields only a job's own document gives. */
function needsDetails(filters: JobListFilters): boolean {
  return !!filters.q || !!filters.owner || !!filters.runId || !!filters.stuck || columnNeedsDetail(filters.sort?.column ?? 'created');
}

export interface JobListPageProps {
  /** The services listed: one, or all of them. */
  services: ServiceConfig[];
  /** 'all' for the all-services view, else the service's TAP URL. */
  scope: string;
  filters: JobListFilters;
}

export function JobListPage({ services, scope, filters }: JobListPageProps) {
  const navigate = useNavigate();
  const notice = useArrivalNotice();
  const { rows: listed, states, refetchAll, isFetching } = useJobLists(services, filters);
  const details = useJobDetails();
  const now = useNow();
  const [merger] = useState(() => new DetailMerger());
  const allRows = useMemo(
    () => merger.merge(listed, details.detailOf, details.isLoading),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- details.version says when the documents changed
    [merger, listed, details.version],
  );
  // The clock changes the view only where the stuck filter or a queue-wait or run-time order looks at it.
  const sortColumn = filters.sort?.column;
  const filterNow = filters.stuck || sortColumn === 'queueWait' || sortColumn === 'runTime' ? now : 0;
  const rows = useMemo(() => filterRows(allRows, filters, filterNow), [allRows, filters, filterNow]);
  const counts = useMemo(() => countPhases(rows), [rows]);
  const [rawSelection, setSelection] = useState<Selection>(emptySelection);
  const order = useMemo(() => rows.map((r) => r.key), [rows]);
  const present = useMemo(() => new Set(order), [order]);
  // Jobs that left the list (filtered out, deleted) leave the selection too.
  const selection = useMemo(() => prune(rawSelection, present), [rawSelection, present]);
  const permission = useNotificationPermission();
  useFinishedJobsNotice(allRows);
  const marks = useRowMarks(listed, `${services.map((s) => s.tapUrl).join(' ')}|${(filters.phases ?? []).join()}|${filters.after?.toISOString()}|${filters.last}`);
  const { prefs, setShown, setWidth } = useColumnPrefs();
  const columns = useMemo(
    () => COLUMNS.map((c) => c.id).filter((id) => !prefs.hidden.includes(id) && (services.length > 1 || id !== 'service')),
    [prefs.hidden, services.length],
  );
  const sort = filters.sort && columnSpec(filters.sort.column) ? filters.sort : DEFAULT_SORT;

  // Search, owner, stuck and detail sorts need every candidate's document, not only those in view.
  const wantAll = needsDetails(filters);
  // Filters on document fields need every job the other filters let through; an order alone needs only the rows shown.
  const searching = !!filters.q || !!filters.owner || !!filters.runId || !!filters.stuck;
  const missing = useMemo(() => {
    if (!wantAll) return [];
    const lacking = (r: JobRow) => r.detail !== 'held' && !r.gone;
    const out = new Set(columnNeedsDetail(sort.column) ? rows.filter(lacking) : []);
    if (searching) {
      // A run id the service's list already gives needs no document to be matched.
      const runIdOnly = !filters.q && !filters.owner && !filters.stuck;
      for (const r of filterRows(allRows, { phases: filters.phases, after: filters.after, before: filters.before }, filterNow)) {
        if (lacking(r) && !(runIdOnly && r.runId !== null)) out.add(r);
      }
    }
    return [...out];
  }, [wantAll, searching, sort.column, allRows, rows, filters.phases, filters.after, filters.before, filters.q, filters.owner, filters.stuck, filterNow]);
  const { inView } = details;
  const onRowsInView = useCallback((visible: JobRow[]) => inView(wantAll ? [...visible, ...missing] : visible), [inView, wantAll, missing]);

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
          {scope === 'all' ? 'Jobs on all services' : <>Jobs on <bdi>{single?.label ?? scope}</bdi></>}
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
      <SavedViewsMenu scope={scope} filters={filters} onApply={setFilters} />

      {failed.map((s) =>
        services.length > 1 ? (
          <details key={s.service.id} className="rounded-md border border-red-300 p-2 text-sm dark:border-red-800">
            <summary className="cursor-pointer font-medium text-red-900 dark:text-red-200">
              <bdi>{s.service.label}</bdi>: its jobs could not be listed
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
          {(sort.column !== DEFAULT_SORT.column || sort.desc !== DEFAULT_SORT.desc) && (
            // The sorted column may be scrolled out of sight: say the order here too.
            <span className="text-slate-600 dark:text-slate-400" data-testid="sort-note">
              · sorted by {columnSpec(sort.column)?.label ?? sort.column}, {sort.desc ? 'descending' : 'ascending'}
            </span>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <BulkActions rows={selectedRows} />
          <ExportButtons rows={rows} />
          <ColumnChooser hidden={prefs.hidden} onChange={setShown} showService={services.length > 1} />
        </div>
      </div>
      {wantAll && missing.length > 0 && (
        <p role="status" className="text-sm text-amber-900 dark:text-amber-200" data-testid="details-loading">
          {formatCount(missing.length)} {missing.length === 1 ? 'job’s details are' : 'jobs’ details are'} still loading:{' '}
          {searching ? 'the search and filters cover' : 'the order covers'} only the jobs read so far
          {columnNeedsDetail(sort.column) ? '; jobs not yet read are placed last' : ''}.
        </p>
      )}

      <JobOverview
        rows={rows}
        counts={counts}
        now={now}
        stuckQueuedMinutes={filters.stuckQueuedMinutes}
        stuckFilterOn={!!filters.stuck}
        onShowStuck={(on) => setFilters({ ...filters, stuck: on || undefined })}
      />

      <JobTable
        rows={rows}
        selected={selection.keys}
        columns={columns}
        widths={prefs.widths}
        onResize={setWidth}
        marks={marks}
        onRowsInView={onRowsInView}
        onToggle={(key, shift) => setSelection(toggle(selection, order, key, shift))}
        onExtend={(to, from) => setSelection(extendTo(selection, order, to, from))}
        onToggleAll={(on) => setSelection(on ? selectAll(order) : emptySelection)}
        sort={sort}
        onSort={(column) => setFilters({ ...filters, sort: { column, desc: sort.column === column ? !sort.desc : column === 'created' } })}
        emptyText={
          pending.length
            ? 'Loading…'
            : allRows.length || filters.phases?.length || filters.after || filters.before || filters.last || filters.q || filters.owner || filters.runId || filters.stuck
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
