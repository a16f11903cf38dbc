import { hashKey, queryOptions, useQuery } from '@tanstack/react-query';
import type { ListJobsOptions, UwsClient } from '../protocol/uws/client';
import type { ExecutionPhase, JobRef } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';
import { retryWhileFailing } from './unreachable';

/** The list is read again this soon after a read that changed something… */
export const LIST_REFRESH_MIN_MS = 5_000;
/** …and at most this long after, however long nothing changes. */
export const LIST_REFRESH_MAX_MS = 30_000;

/** The wait before the next read of a list, after `unchanged` reads in a row that brought nothing new. */
export function listRefreshInterval(unchanged: number): number {
  return Math.min(LIST_REFRESH_MAX_MS, LIST_REFRESH_MIN_MS * 2 ** Math.max(0, unchanged));
}

/** What a list read is compared by: the jobs and their phases. */
export function listSignature(refs: readonly JobRef[]): string {
  return refs.map((r) => `${r.href} ${r.phase}`).join('\n');
}

/** Whether two reads of a list say exactly the same. */
export function sameRefs(a: readonly JobRef[], b: readonly JobRef[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.href !== y.href || x.jobId !== y.jobId || x.phase !== y.phase || x.runId !== y.runId || x.ownerId !== y.ownerId) return false;
    if ((x.creationTime?.getTime() ?? null) !== (y.creationTime?.getTime() ?? null)) return false;
  }
  return true;
}

/** Unchanged reads in a row, per list query. */
const unchangedReads = new Map<string, number>();

export interface JobListFilter {
  phases?: readonly ExecutionPhase[];
  after?: Date;
  last?: number;
}

export function fetchJobList(uws: UwsClient, filter: JobListFilter, signal?: AbortSignal): Promise<JobRef[]> {
  const options: ListJobsOptions = { phases: filter.phases?.length ? [...filter.phases] : undefined, after: filter.after, last: filter.last, signal };
  return uws.listJobs(options);
}

/** A filter as it goes into a key: plain values only, the same for the same filter. */
function filterKey(filter: JobListFilter) {
  return { phases: filter.phases?.length ? [...filter.phases] : [], after: filter.after?.toISOString() ?? null, last: filter.last ?? null };
}

/**
 * A service's job list. While a page shows it, it keeps itself current: read
 * again 5 s after a read that changed something, backing off to 30 s while
 * nothing changes, paused while the tab is hidden, and with growing delays
 * while the service cannot be reached.
 */
export function jobListQueryOptions(service: ServiceConfig, filter: JobListFilter) {
  const key = filterKey(filter);
  return queryOptions({
    queryKey: jobKeys.list(service, key),
    queryFn: async ({ signal, client, queryKey }) => {
      const before = client.getQueryData<JobRef[]>(queryKey);
      const refs = await fetchJobList(
        getServiceClient(service).uws,
        { phases: key.phases, after: key.after === null ? undefined : new Date(key.after), last: key.last ?? undefined },
        signal,
      );
      const same = before !== undefined && listSignature(before) === listSignature(refs);
      const hash = hashKey(queryKey);
      unchangedReads.set(hash, same ? (unchangedReads.get(hash) ?? 0) + 1 : 0);
      // The same list keeps its identity, so the views over its (maybe 10 000) jobs need not be worked out again.
      return before !== undefined && sameRefs(before, refs) ? before : refs;
    },
    retry: retryUnlessPermanent,
    // The query function keeps an unchanged list's identity itself; a deep walk of 10 000 jobs per read would add nothing.
    structuralSharing: false,
    refetchInterval: (q) => retryWhileFailing(q) ?? listRefreshInterval(unchangedReads.get(q.queryHash) ?? 0),
    refetchIntervalInBackground: false,
  });
}

export function useJobList(service: ServiceConfig, filter: JobListFilter) {
  return useQuery(jobListQueryOptions(service, filter));
}
