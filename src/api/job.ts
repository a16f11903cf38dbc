/**
 * One job: its fetcher, query options and hook. The query's `refetchInterval`
 * is the polling schedule (see poll-schedule.ts); the fetcher makes exactly
 * one request per call: a plain read, or one WAIT when the schedule says so.
 * However many views show a job, they share its one query, so there is one
 * request in flight per job.
 */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ServerError, TimeoutError, isPermanent } from '../protocol/http/errors';
import type { UwsClient } from '../protocol/uws/client';
import { isFinalPhase, type UwsJob } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobKeys, retryUnlessPermanent } from './keys';
import { WAIT_AT_ONCE_MS, WAIT_SECONDS, nextPollDelay, noteRead, pollNote, usesWait } from './poll-schedule';
import { getServiceClient } from './service-client';

// Services found not to block on WAIT (they answer at once, or a proxy cuts long requests).
const ignoresWait = new WeakSet<UwsClient>();

/** Whether the service behind this client has been seen to ignore WAIT. */
export function serviceIgnoresWait(uws: UwsClient): boolean {
  return ignoresWait.has(uws);
}

/**
 * Read a job once. With a cached, unfinished job on a service that honours
 * WAIT, the read is a WAIT for a phase change; otherwise a plain GET.
 */
export async function fetchJob(uws: UwsClient, jobUrl: string, cached: UwsJob | undefined, signal?: AbortSignal): Promise<UwsJob> {
  if (!cached || isFinalPhase(cached.phase) || !usesWait(cached, ignoresWait.has(uws))) {
    return noteRead(cached, await uws.getJob(jobUrl, { signal }));
  }
  const asked = Date.now();
  let next: UwsJob;
  try {
    next = await uws.getJob(jobUrl, { wait: WAIT_SECONDS, phase: cached.phase, signal });
  } catch (error) {
    // Proxies in front of services often cut long requests (504, or no answer at all):
    // then plain polling is the way to learn about the job, from this read on.
    const cut = error instanceof TimeoutError || (error instanceof ServerError && (error.status === 502 || error.status === 504));
    if (!cut) throw error;
    ignoresWait.add(uws);
    return noteRead(cached, await uws.getJob(jobUrl, { signal }));
  }
  // UWS 1.1 blocks in these phases until the phase changes: an answer at once with
  // the same phase means the service does not, and it is polled from now on.
  if (next.phase === cached.phase && Date.now() - asked < WAIT_AT_ONCE_MS) ignoresWait.add(uws);
  return noteRead(cached, next);
}

export function jobQueryOptions(service: ServiceConfig, jobUrl: string) {
  return queryOptions({
    queryKey: jobKeys.detail(service, jobUrl),
    queryFn: async ({ signal, client, queryKey }) => {
      const cached = client.getQueryData<UwsJob>(queryKey);
      try {
        return await fetchJob(getServiceClient(service).uws, jobUrl, cached, signal);
      } catch (error) {
        if (cached) pollNote(cached).failures += 1;
        throw error;
      }
    },
    retry: retryUnlessPermanent,
    // Each read is compared with the one before: keep every answer as its own object.
    structuralSharing: false,
    refetchInterval: (query) => {
      const { data, status, error } = query.state;
      if (status === 'error' && isPermanent(error)) return false;
      return nextPollDelay(data, serviceIgnoresWait(getServiceClient(service).uws), status === 'error');
    },
    refetchIntervalInBackground: false,
  });
}

/** A job as the server holds it, kept up to date until it ends. */
export function useJob(service: ServiceConfig, jobUrl: string) {
  return useQuery(jobQueryOptions(service, jobUrl));
}

/** Stop a read in flight so that an older answer cannot overwrite the one a change brings. */
export async function quietJob(client: QueryClient, service: ServiceConfig, jobUrl: string): Promise<void> {
  await client.cancelQueries({ queryKey: jobKeys.detail(service, jobUrl), exact: true });
}

/** Put the job as the server now holds it into the cache, and mark lists out of date. */
export async function storeJob(client: QueryClient, service: ServiceConfig, jobUrl: string, job: UwsJob): Promise<void> {
  // A wait that started while the change was on its way may answer with the state before it.
  await quietJob(client, service, jobUrl);
  client.setQueryData(jobKeys.detail(service, jobUrl), job);
  // Lists refresh in the background; the change is done without waiting for them.
  void client.invalidateQueries({ queryKey: jobKeys.lists(service) });
}

/** Forget a job the server no longer has, and mark lists out of date. */
export function forgetJobQueries(client: QueryClient, service: ServiceConfig, jobUrl: string): void {
  client.removeQueries({ queryKey: jobKeys.detail(service, jobUrl) });
  void client.invalidateQueries({ queryKey: jobKeys.lists(service) });
}
