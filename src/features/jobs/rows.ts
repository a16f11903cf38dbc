/**
 * The rows of the job list: the services' lists merged with the jobs this
 * browser created, then filtered, searched and sorted as the user asked.
 */
import type { LocalJob } from '../../lib/local-jobs';
import type { JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import type { ExecutionPhase, JobRef } from '../../protocol/uws/types';

export interface JobRow {
  /** Unique over all services. */
  key: string;
  service: ServiceConfig;
  jobUrl: string;
  jobId: string;
  /** null while not known (a job of this browser not in the server's list, not yet looked up). */
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
}

export interface ServiceJobs {
  service: ServiceConfig;
  /** undefined while the list has not been read (or could not be). */
  refs: JobRef[] | undefined;
  local: LocalJob[];
  /** What a direct look-up found for local jobs missing from the list. */
  lookedUp: Map<string, ExecutionPhase | 'GONE'>;
}

export function rowKey(tapUrl: string, jobUrl: string): string {
  return `${tapUrl}\n${jobUrl}`;
}

export function mergeRows(sources: ServiceJobs[]): JobRow[] {
  const rows: JobRow[] = [];
  for (const { service, refs, local, lookedUp } of sources) {
    const localByUrl = new Map(local.map((j) => [j.jobUrl, j]));
    const localById = new Map(local.map((j) => [j.jobId, j]));
    const seen = new Set<string>();
    for (const ref of refs ?? []) {
      const mine = localByUrl.get(ref.href) ?? localById.get(ref.jobId);
      if (mine) seen.add(mine.jobUrl);
      rows.push({
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
      const found = lookedUp.get(j.jobUrl);
      const gone = !!j.goneAt || found === 'GONE';
      rows.push({
        key: rowKey(service.tapUrl, j.jobUrl),
        service,
        jobUrl: j.jobUrl,
        jobId: j.jobId,
        phase: gone || found === undefined ? null : (found as ExecutionPhase),
        gone,
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

/** Apply the list filters on the client too: some services ignore them, and local jobs need them. */
export function filterRows(rows: JobRow[], filters: JobListFilters): JobRow[] {
  const phases = filters.phases && filters.phases.length ? new Set(filters.phases) : null;
  const after = filters.after?.getTime();
  const q = filters.q?.trim().toLowerCase();
  let out = rows.filter((r) => {
    if (phases) {
      if (r.gone || r.phase === null) return false;
      if (!phases.has(r.phase)) return false;
    }
    // A listed job whose creation time the list does not give was filtered by the server itself.
    if (after !== undefined && (r.creationTime ? r.creationTime.getTime() <= after : !r.inServerList)) return false;
    if (q) {
      const hay = `${r.jobId}\n${r.runId ?? ''}\n${r.query ?? ''}`.toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
  out = sortRows(out, filters.sort ?? 'newest');
  if (filters.last !== undefined) {
    // LAST means the most recent N, whatever the display order.
    const newest = sortRows(out, 'newest').slice(0, filters.last);
    const keep = new Set(newest.map((r) => r.key));
    out = out.filter((r) => keep.has(r.key));
  }
  return out;
}

export function sortRows(rows: JobRow[], order: 'newest' | 'oldest'): JobRow[] {
  const sign = order === 'newest' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ta = a.creationTime?.getTime() ?? -Infinity;
    const tb = b.creationTime?.getTime() ?? -Infinity;
    if (ta !== tb) return ta < tb ? -sign : sign;
    return a.jobId < b.jobId ? -sign : a.jobId > b.jobId ? sign : 0;
  });
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
