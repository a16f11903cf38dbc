import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ListJobsOptions, UwsClient } from '../protocol/uws/client';
import { ACTIVE_PHASES, type ExecutionPhase, type JobRef } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';
import { retryWhileFailing } from './unreachable';

/** While any listed job is active, look again this often. */
export const ACTIVE_POLL_MS = 5_000;
/** The same for lists so long that reading them costs the service. */
export const LARGE_LIST_POLL_MS = 15_000;

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
 * A service's job list. It is read again every few seconds while a listed
 * job is active, and with growing delays while the service cannot be reached.
 */
export function jobListQueryOptions(service: ServiceConfig, filter: JobListFilter) {
  const key = filterKey(filter);
  return queryOptions({
    queryKey: jobKeys.list(service, key),
    queryFn: ({ signal }) =>
      fetchJobList(getServiceClient(service).uws, { phases: key.phases, after: key.after === null ? undefined : new Date(key.after), last: key.last ?? undefined }, signal),
    retry: retryUnlessPermanent,
    refetchInterval: (q) => {
      const failing = retryWhileFailing(q);
      if (failing !== undefined) return failing;
      const refs = q.state.data;
      if (!refs || !refs.some((r) => ACTIVE_PHASES.has(r.phase))) return false;
      return refs.length > 2000 ? LARGE_LIST_POLL_MS : ACTIVE_POLL_MS;
    },
    refetchIntervalInBackground: false,
  });
}

export function useJobList(service: ServiceConfig, filter: JobListFilter) {
  return useQuery(jobListQueryOptions(service, filter));
}
