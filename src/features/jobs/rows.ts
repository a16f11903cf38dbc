/**
 * The rows of the job list: the services' lists merged with the jobs this
 * browser created and with the job documents read so far, then filtered,
 * searched and sorted as the user asked.
 */
import type { LocalJob } from '../../lib/local-jobs';
import type { JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { findParameter, type ExecutionPhase, type JobRef, type UwsJob } from '../../protocol/uws/types';
import { columnNeedsDetail, columnValue } from './columns';

export interface JobRow {
  /** Unique over all services. */
  key: string;
  service: ServiceConfig;
  jobUrl: string;
  jobId: string;
  /** null while not known (a job of this browser not in the server's list, not yet read). */
  phase: ExecutionPhase | null;
  /** The server no longer knows this job. */
  gone: boolean;
  runId: string | null;
  ownerId: string | null;
  creationTime: Date | null;
  query: string | null;
  /** Created from this browser. */
  local: boolean;
  inServerList: boolean;
  /** Whether the job's own document has been read: only then are the fields below known. */
  detail: 'held' | 'loading' | 'missing';
  startTime: Date | null;
  endTime: Date | null;
  executionDuration: number | null;
  destruction: Date | null;
  errorSummary: string | null;
  resultCount: number | null;
}

export interface ServiceJobs {
  service: ServiceConfig;
  /** undefined while the list has not been read (or could not be). */
  refs: JobRef[] | undefined;
  local: LocalJob[];
}

export function rowKey(tapUrl: string, jobUrl: string): string {
  return `${tapUrl}\n${jobUrl}`;
}

const noDetail = {
  detail: 'missing',
  startTime: null,
  endTime: null,
  executionDuration: null,
  destruction: null,
  errorSummary: null,
  resultCount: null,
} as const;

export function mergeRows(sources: ServiceJobs[]): JobRow[] {
  const rows: JobRow[] = [];
  for (const { service, refs, local } of sources) {
    const localByUrl = new Map(local.map((j) => [j.jobUrl, j]));
    const localById = new Map(local.map((j) => [j.jobId, j]));
    const seen = new Set<string>();
    for (const ref of refs ?? []) {
      const mine = localByUrl.get(ref.href) ?? localById.get(ref.jobId);
      if (mine) seen.add(mine.jobUrl);
      rows.push({
        ...noDetail,
        key: rowKey(service.tapUrl, ref.href),
        service,
        jobUrl: ref.href,
        jobId: ref.jobId,
        phase: ref.phase,
        gone: false,
        runId: ref.runId ?? mine?.runId ?? null,
        ownerId: ref.ownerId,
        creationTime: ref.creationTime ?? (mine ? new Date(mine.creationTime) : null),
        query: mine?.query ?? null,
        local: !!mine,
        inServerList: true,
      });
    }
    for (const j of local) {
      if (seen.has(j.jobUrl)) continue;
      rows.push({
        ...noDetail,
        key: rowKey(service.tapUrl, j.jobUrl),
        service,
        jobUrl: j.jobUrl,
        jobId: j.jobId,
        phase: null,
        gone: !!j.goneAt,
        runId: j.runId ?? null,
        ownerId: null,
        creationTime: new Date(j.creationTime),
        query: j.query ?? null,
        local: true,
        inServerList: false,
      });
    }
  }
  return rows;
}

/** The query text of a job document, if it has one. */
export function jobQuery(job: UwsJob): string | null {
  const p = findParameter(job, 'QUERY');
  return p && !p.byReference ? p.value : null;
}

/**
 * Fill in what each job's document says. `detailOf` gives the document held
 * for a row, `isLoading` whether one is being read. The list's phase is the
 * newer unless the row is not in the list at all.
 */
export function withDetails(rows: JobRow[], detailOf: (row: JobRow) => UwsJob | undefined, isLoading: (row: JobRow) => boolean): JobRow[] {
  return new DetailMerger().merge(rows, detailOf, isLoading);
}

function withDetail(r: JobRow, job: UwsJob | undefined, loading: boolean): JobRow {
  if (!job) return loading ? { ...r, detail: 'loading' } : r;
  return {
    ...r,
    detail: 'held',
    phase: r.inServerList ? r.phase : job.phase,
    runId: job.runId ?? r.runId,
    ownerId: job.ownerId ?? r.ownerId,
    creationTime: job.creationTime ?? r.creationTime,
    query: jobQuery(job) ?? r.query,
    startTime: job.startTime,
    endTime: job.endTime,
    executionDuration: job.executionDuration,
    destruction: job.destruction,
    errorSummary: job.errorSummary?.message ?? null,
    resultCount: job.results.length,
  };
}

/**
 * `withDetails`, keeping each row's object from one merge to the next while
 * its listed row, its document and its loading state are the same: a
 * document arriving changes one row, and only that row is drawn again.
 */
export class DetailMerger {
  private previous = new Map<string, { base: JobRow; job: UwsJob | undefined; loading: boolean; out: JobRow }>();

  merge(rows: JobRow[], detailOf: (row: JobRow) => UwsJob | undefined, isLoading: (row: JobRow) => boolean): JobRow[] {
    const next = new Map<string, { base: JobRow; job: UwsJob | undefined; loading: boolean; out: JobRow }>();
    const out = rows.map((base) => {
      const job = detailOf(base);
      const loading = !job && isLoading(base);
      const before = this.previous.get(base.key);
      const row = before && before.base === base && before.job === job && before.loading === loading ? before.out : withDetail(base, job, loading);
      next.set(base.key, { base, job, loading, out: row });
      return row;
    });
    this.previous = next;
    return out;
  }
}

/** Seconds from creation to start; for a job still queued, until now. */
export function queueWait(r: JobRow, now: number): number | null {
  if (!r.creationTime) return null;
  const end = r.startTime?.getTime() ?? (r.phase === 'QUEUED' ? now : null);
  return end === null ? null : Math.max(0, (end - r.creationTime.getTime()) / 1000);
}

/** Seconds from start to end; for a job still executing, until now. */
export function runTime(r: JobRow, now: number): number | null {
  if (!r.startTime) return null;
  const end = r.endTime?.getTime() ?? (r.phase === 'EXECUTING' ? now : null);
  return end === null ? null : Math.max(0, (end - r.startTime.getTime()) / 1000);
}

/** Queued longer than this counts as stuck unless the user says otherwise. */
export const DEFAULT_STUCK_QUEUED_MINUTES = 60;

/** Why a job looks stuck, or null: executing beyond its execution duration, or queued too long. */
export function stuckReason(r: JobRow, now: number, queuedMinutes = DEFAULT_STUCK_QUEUED_MINUTES): string | null {
  if (r.phase === 'EXECUTING' && r.executionDuration && r.startTime) {
    const ran = runTime(r, now) ?? 0;
    if (ran > r.executionDuration) return 'Executing beyond its execution duration';
  }
  if (r.phase === 'QUEUED') {
    const waited = queueWait(r, now);
    if (waited !== null && waited > queuedMinutes * 60) return `Queued longer than ${queuedMinutes} min`;
  }
  return null;
}

/** Apply the list filters on the client too: some services ignore them, and local jobs need them. */
export function filterRows(rows: JobRow[], filters: JobListFilters, now: number = Date.now()): JobRow[] {
  const phases = filters.phases && filters.phases.length ? new Set(filters.phases) : null;
  const after = filters.after?.getTime();
  const before = filters.before?.getTime();
  const q = filters.q?.trim().toLowerCase();
  const owner = filters.owner?.trim().toLowerCase();
  const runId = filters.runId?.trim().toLowerCase();
  let out = rows.filter((r) => {
    if (phases) {
      if (r.gone || r.phase === null) return false;
      if (!phases.has(r.phase)) return false;
    }
    // A listed job whose creation time the list does not give was filtered by the server itself.
    if (after !== undefined && (r.creationTime ? r.creationTime.getTime() <= after : !r.inServerList)) return false;
    if (before !== undefined && r.creationTime && r.creationTime.getTime() >= before) return false;
    if (owner && !(r.ownerId ?? '').toLowerCase().includes(owner)) return false;
    if (runId && !(r.runId ?? '').toLowerCase().includes(runId)) return false;
    if (q) {
      const hay = `${r.jobId}\n${r.runId ?? ''}\n${r.ownerId ?? ''}\n${r.query ?? ''}\n${r.errorSummary ?? ''}`.toLowerCase();
      if (!hay.includes(q)) return false;
    }
    if (filters.stuck && !stuckReason(r, now, filters.stuckQueuedMinutes)) return false;
    return true;
  });
  out = sortRows(out, filters.sort ?? { column: 'created', desc: true }, now);
  if (filters.last !== undefined) {
    // LAST means the most recent N, whatever the display order.
    const newest = sortRows(out, { column: 'created', desc: true }, now).slice(0, filters.last);
    const keep = new Set(newest.map((r) => r.key));
    out = out.filter((r) => keep.has(r.key));
  }
  return out;
}

/** Sort by any column; rows without a value go last in either direction, ties by job id. */
export function sortRows(rows: JobRow[], sort: { column: string; desc: boolean }, now: number = Date.now()): JobRow[] {
  const sign = sort.desc ? -1 : 1;
  const keyed = rows.map((r) => ({ r, v: columnValue(sort.column, r, now) }));
  keyed.sort((a, b) => {
    const av = a.v;
    const bv = b.v;
    if (av !== bv) {
      if (av === null) return 1;
      if (bv === null) return -1;
      if (av < bv) return -sign;
      if (av > bv) return sign;
    }
    return a.r.jobId < b.r.jobId ? -sign : a.r.jobId > b.r.jobId ? sign : 0;
  });
  return keyed.map((k) => k.r);
}

/** How many rows the order depends on but whose documents are not read yet. */
export function unsortedCount(rows: JobRow[], column: string): number {
  if (!columnNeedsDetail(column)) return 0;
  let n = 0;
  for (const r of rows) if (r.detail !== 'held' && !r.gone) n++;
  return n;
}

export type PhaseCounts = Partial<Record<ExecutionPhase | 'GONE' | 'LOOKING', number>>;

export function countPhases(rows: JobRow[]): PhaseCounts {
  const counts: PhaseCounts = {};
  for (const r of rows) {
    const k = r.gone ? 'GONE' : (r.phase ?? 'LOOKING');
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
