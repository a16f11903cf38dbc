/**
 * The TanStack Query layer for UWS jobs on a TAP service: key factories,
 * query option factories and the mutations behind the job actions.
 *
 * Live updates: one query per job key. While the cached job is not final, the
 * query function waits for a change on the server (WAIT long polling on UWS
 * 1.1, capped backoff otherwise) and `refetchInterval` starts the next wait a
 * moment after the previous one returned. At a final phase the interval
 * function returns false and polling stops; `refetchIntervalInBackground:
 * false` pauses it while the tab is hidden. However many components show a
 * job, they share the one query, so there is one request in flight per job.
 */
import {
  queryOptions,
  useMutation,
  useQueryClient,
  type Query,
  type QueryClient,
} from '@tanstack/react-query';
import { isPermanent } from '../protocol/http/errors';
import { isFinalPhase, type UwsJob } from '../protocol/uws/types';
import { getAvailability, getCapabilities } from '../protocol/tap';
import { getServiceClient } from './service-client';
import type { ServiceConfig } from '../lib/services';

export const jobKeys = {
  all: ['uws'] as const,
  service: (tapUrl: string) => [...jobKeys.all, tapUrl] as const,
  lists: (tapUrl: string) => [...jobKeys.service(tapUrl), 'list'] as const,
  list: (tapUrl: string, filters: object = {}) => [...jobKeys.lists(tapUrl), filters] as const,
  detail: (tapUrl: string, jobUrl: string) => [...jobKeys.service(tapUrl), 'job', jobUrl] as const,
  errorDetail: (tapUrl: string, jobUrl: string) => [...jobKeys.detail(tapUrl, jobUrl), 'error'] as const,
  capabilities: (tapUrl: string) => [...jobKeys.service(tapUrl), 'capabilities'] as const,
  availability: (tapUrl: string) => [...jobKeys.service(tapUrl), 'availability'] as const,
};

/** Longest single wait for a change, in seconds (servers may cap it lower). */
export const LONG_POLL_SECONDS = 30;
/** Pause between one wait for a change returning and the next starting. */
export const POLL_GAP_MS = 500;

/** Never retry what a retry cannot fix; otherwise at most twice. */
export function retryUnlessPermanent(failureCount: number, error: unknown): boolean {
  return !isPermanent(error) && failureCount < 2;
}

/** How long to wait before the next look at a job, or false to stop looking. */
export function jobRefetchInterval(query: Query<UwsJob, Error, UwsJob, readonly unknown[]>): number | false {
  const job = query.state.data;
  if (!job) return false;
  if (query.state.status === 'error' && isPermanent(query.state.error)) return false;
  return isFinalPhase(job.phase) ? false : POLL_GAP_MS;
}

export function jobQueryOptions(service: ServiceConfig, jobUrl: string) {
  const key = jobKeys.detail(service.tapUrl, jobUrl);
  return queryOptions({
    queryKey: key,
    queryFn: ({ signal, client }) => {
      const { uws } = getServiceClient(service);
      const cached = client.getQueryData<UwsJob>(key);
      if (cached && !isFinalPhase(cached.phase)) {
        return uws.waitForChange(cached, { signal, maxWaitSeconds: LONG_POLL_SECONDS });
      }
      return uws.getJob(jobUrl, { signal });
    },
    retry: retryUnlessPermanent,
    refetchInterval: jobRefetchInterval,
    refetchIntervalInBackground: false,
  });
}

/** The text of a job's /error resource (null when the service has none). */
export function errorDetailQueryOptions(service: ServiceConfig, jobUrl: string) {
  return queryOptions({
    queryKey: jobKeys.errorDetail(service.tapUrl, jobUrl),
    queryFn: ({ signal }) => getServiceClient(service).uws.getErrorDetail(jobUrl, { signal }),
    retry: retryUnlessPermanent,
    staleTime: Infinity,
  });
}

export function capabilitiesQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.capabilities(service.tapUrl),
    queryFn: ({ signal }) => getCapabilities(service.tapUrl, getServiceClient(service).transport, { signal }),
    retry: retryUnlessPermanent,
    staleTime: 60 * 60 * 1000,
  });
}

export function availabilityQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.availability(service.tapUrl),
    queryFn: ({ signal }) => getAvailability(service.tapUrl, getServiceClient(service).transport, { signal }),
    retry: retryUnlessPermanent,
    staleTime: 60 * 1000,
  });
}

/** Stop a wait in flight so that an older answer cannot overwrite the one a change brings. */
async function quietJob(client: QueryClient, tapUrl: string, jobUrl: string) {
  await client.cancelQueries({ queryKey: jobKeys.detail(tapUrl, jobUrl), exact: true });
}

/** Put the job as the server now holds it into the cache, and mark lists out of date. */
async function storeJob(client: QueryClient, tapUrl: string, jobUrl: string, job: UwsJob) {
  // A wait that started while the change was on its way may answer with the state before it.
  await quietJob(client, tapUrl, jobUrl);
  client.setQueryData(jobKeys.detail(tapUrl, jobUrl), job);
  // Lists refresh in the background; the change is done without waiting for them.
  void client.invalidateQueries({ queryKey: jobKeys.lists(tapUrl) });
}

function useJobChange<TVars extends { jobUrl: string }>(
  service: ServiceConfig,
  change: (vars: TVars) => Promise<UwsJob>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (vars: TVars) => {
      await quietJob(client, service.tapUrl, vars.jobUrl);
      return change(vars);
    },
    retry: 0,
    onSuccess: (job, vars) => storeJob(client, service.tapUrl, vars.jobUrl, job),
    onError: (_error, vars) => client.invalidateQueries({ queryKey: jobKeys.detail(service.tapUrl, vars.jobUrl), exact: true }),
  });
}

export function useRunJob(service: ServiceConfig) {
  return useJobChange(service, ({ jobUrl }: { jobUrl: string }) => getServiceClient(service).uws.runJob(jobUrl));
}

export function useAbortJob(service: ServiceConfig) {
  return useJobChange(service, ({ jobUrl }: { jobUrl: string }) => getServiceClient(service).uws.abortJob(jobUrl));
}

export function useSetExecutionDuration(service: ServiceConfig) {
  return useJobChange(service, ({ jobUrl, seconds }: { jobUrl: string; seconds: number }) =>
    getServiceClient(service).uws.setExecutionDuration(jobUrl, seconds),
  );
}

export function useSetDestruction(service: ServiceConfig) {
  return useJobChange(service, ({ jobUrl, destruction }: { jobUrl: string; destruction: Date }) =>
    getServiceClient(service).uws.setDestruction(jobUrl, destruction),
  );
}

export function useDeleteJob(service: ServiceConfig) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ jobUrl }: { jobUrl: string }) => {
      await quietJob(client, service.tapUrl, jobUrl);
      await getServiceClient(service).uws.deleteJob(jobUrl);
    },
    retry: 0,
    onSuccess: (_void, { jobUrl }) => {
      client.removeQueries({ queryKey: jobKeys.detail(service.tapUrl, jobUrl) });
      void client.invalidateQueries({ queryKey: jobKeys.lists(service.tapUrl) });
    },
  });
}
