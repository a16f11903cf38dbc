import { queryOptions, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ACTIVE_POLL_MS, jobKeys, jobListQueryOptions, retryUnlessPermanent, getServiceClient } from '../../api';
import { markJobGone, useLocalJobs, type LocalJob } from '../../lib/local-jobs';
import type { JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { NotFoundError } from '../../protocol/http/errors';
import { ACTIVE_PHASES, type ExecutionPhase, type JobRef } from '../../protocol/uws/types';
import { mergeRows, type JobRow } from './rows';

/** How many of this browser's jobs missing from a list are looked up one by one. */
const MAX_LOOKUPS = 40;

function lookupQueryOptions(service: ServiceConfig, jobUrl: string) {
  return queryOptions({
    queryKey: [...jobKeys.service(service), 'lookup', jobUrl] as const,
    queryFn: async ({ signal }): Promise<ExecutionPhase | 'GONE'> => {
      try {
        const job = await getServiceClient(service).uws.getJob(jobUrl, { signal });
        return job.phase;
      } catch (error) {
        if (error instanceof NotFoundError) {
          markJobGone(jobUrl);
          return 'GONE';
        }
        throw error;
      }
    },
    retry: retryUnlessPermanent,
    staleTime: 30_000,
    refetchInterval: (q) => (q.state.data && ACTIVE_PHASES.has(q.state.data as ExecutionPhase) ? ACTIVE_POLL_MS : false),
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

  // This browser's jobs that the (loaded) list does not show: look them up directly.
  const missing: { service: ServiceConfig; jobUrl: string }[] = [];
  for (const st of states) {
    if (!st.refs) continue;
    const listed = new Set(st.refs.map((r) => r.href));
    const listedIds = new Set(st.refs.map((r) => r.jobId));
    for (const j of localByService.get(st.service.tapUrl) ?? []) {
      if (j.goneAt || listed.has(j.jobUrl) || listedIds.has(j.jobId)) continue;
      if (missing.length < MAX_LOOKUPS) missing.push({ service: st.service, jobUrl: j.jobUrl });
    }
  }
  const lookups = useQueries({ queries: missing.map((m) => lookupQueryOptions(m.service, m.jobUrl)) });
  const lookedUpKey = lookups.map((l) => String(l.data)).join(',');

  const refsKey = states.map((s) => s.updatedAt).join(',');
  const rows: JobRow[] = useMemo(
    () => {
      const looked = new Map<string, ExecutionPhase | 'GONE'>();
      missing.forEach((m, i) => {
        const d = lookups[i]?.data;
        if (d) looked.set(m.jobUrl, d);
      });
      return mergeRows(
        states.map((st) => ({
          service: st.service,
          refs: st.refs,
          local: localByService.get(st.service.tapUrl) ?? [],
          lookedUp: looked,
        })),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the data's identity
    [refsKey, lookedUpKey, localByService, services],
  );

  const refetchAll = useCallback(() => {
    for (const s of services) void queryClient.invalidateQueries({ queryKey: jobKeys.service(s) });
  }, [queryClient, services]);

  return { rows, states, refetchAll, isFetching: states.some((s) => s.isFetching) };
}
