import { hashKey, queryOptions, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { jobKeys, retryUnlessPermanent, getServiceClient } from '../../api';
import { useLocalJobs, type LocalJob } from '../../lib/local-jobs';
import type { JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import type { JobRef } from '../../protocol/uws/types';
import { mergeRows, type JobRow } from './rows';

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

/** Unchanged reads in a row, per list query. */
const unchangedReads = new Map<string, number>();

export function jobListQueryOptions(service: ServiceConfig, filters: Pick<JobListFilters, 'phases' | 'after' | 'last'>) {
  const phases = filters.phases?.length ? [...filters.phases] : undefined;
  const key = { phases: phases ?? [], after: filters.after?.toISOString() ?? null, last: filters.last ?? null };
  const queryKey = jobKeys.list(service.tapUrl, key);
  const hash = hashKey(queryKey);
  return queryOptions({
    queryKey,
    queryFn: async ({ signal, client }) => {
      const before = client.getQueryData<JobRef[]>(queryKey);
      const refs = await getServiceClient(service).uws.listJobs({ phases, after: filters.after, last: filters.last, signal });
      const same = before !== undefined && listSignature(before) === listSignature(refs);
      unchangedReads.set(hash, same ? (unchangedReads.get(hash) ?? 0) + 1 : 0);
      return refs;
    },
    retry: retryUnlessPermanent,
    // While the page is visible the list keeps itself current, backing off while nothing changes.
    refetchInterval: (q) => (q.state.status === 'error' ? false : listRefreshInterval(unchangedReads.get(q.queryHash) ?? 0)),
    refetchIntervalInBackground: false,
  });
}

export interface ServiceListState {
  service: ServiceConfig;
  refs: JobRef[] | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  updatedAt: number;
  refetch: () => void;
}

export function useJobLists(services: ServiceConfig[], filters: JobListFilters) {
  const allLocal = useLocalJobs();
  const queryClient = useQueryClient();
  const serverFilters = useMemo(
    () => ({ phases: filters.phases, after: filters.after, last: filters.last }),
    [filters.phases, filters.after, filters.last],
  );

  const lists = useQueries({
    queries: services.map((s) => jobListQueryOptions(s, serverFilters)),
  });

  const states: ServiceListState[] = services.map((service, i) => {
    const q = lists[i]!;
    return {
      service,
      refs: q.data,
      error: q.error,
      isPending: q.isPending,
      isFetching: q.isFetching,
      updatedAt: q.dataUpdatedAt,
      refetch: () => void q.refetch(),
    };
  });

  const localByService = useMemo(() => {
    const map = new Map<string, LocalJob[]>();
    for (const j of allLocal) {
      const list = map.get(j.serviceUrl) ?? [];
      list.push(j);
      map.set(j.serviceUrl, list);
    }
    return map;
  }, [allLocal]);

  const refsKey = states.map((s) => s.updatedAt).join(',');
  const rows: JobRow[] = useMemo(
    () =>
      mergeRows(
        states.map((st) => ({
          service: st.service,
          refs: st.refs,
          local: localByService.get(st.service.tapUrl) ?? [],
        })),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the data's identity
    [refsKey, localByService, services],
  );

  const refetchAll = useCallback(() => {
    for (const s of services) void queryClient.invalidateQueries({ queryKey: jobKeys.lists(s.tapUrl) });
  }, [queryClient, services]);

  return { rows, states, refetchAll, isFetching: states.some((s) => s.isFetching) };
}
