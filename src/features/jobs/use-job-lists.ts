import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { jobKeys, jobListQueryOptions } from '../../api';
import { useLocalJobs, type LocalJob } from '../../lib/local-jobs';
import type { JobListFilters } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import type { JobRef } from '../../protocol/uws/types';
import { mergeRows, type JobRow } from './rows';

export interface ServiceListState {
  service: ServiceConfig;
  refs: JobRef[] | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  updatedAt: number;
  refetch: () => void;
}

/** The same array as last time while its items are the same. */
function useStableList<T>(items: T[]): T[] {
  const [held, setHeld] = useState(items);
  const same = held.length === items.length && held.every((x, i) => x === items[i]);
  if (!same) setHeld(items);
  return same ? held : items;
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

  // Keyed on the lists' identity: a refresh that brings nothing new keeps it, and nothing below is worked out again.
  const refsLists = useStableList(states.map((s) => s.refs));
  const rows: JobRow[] = useMemo(
    () =>
      mergeRows(
        services.map((service, i) => ({
          service,
          refs: refsLists[i],
          local: localByService.get(service.tapUrl) ?? [],
        })),
      ),
    [refsLists, localByService, services],
  );

  const refetchAll = useCallback(() => {
    for (const s of services) void queryClient.invalidateQueries({ queryKey: jobKeys.lists(s) });
  }, [queryClient, services]);

  return { rows, states, refetchAll, isFetching: states.some((s) => s.isFetching) };
}
