import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isPermanent } from '../protocol/http/errors';
import type { ServiceConfig } from '../lib/services';
import { probeAnswers } from '../lib/proxy';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceTransport } from './service-transport';
import { useAutoRetry, type AutoRetryState } from './unreachable';

/**
 * The service's VOSI availability: up, or down with the service's note. The
 * XML reading loads with the first check, so that a screen paints before it.
 */
export async function fetchAvailability(service: ServiceConfig, signal?: AbortSignal) {
  const { getAvailability } = await import('../protocol/tap/vosi');
  return getAvailability(service.tapUrl, getServiceTransport(service), { signal });
}

/**
 * The service's availability. While it cannot be reached or says it is
 * down, useReachability checks again with growing delays and shows the
 * countdown: the one schedule for it.
 */
export function availabilityQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.availability(service),
    queryFn: ({ signal }) => fetchAvailability(service, signal),
    retry: retryUnlessPermanent,
    staleTime: 60 * 1000,
  });
}

export function useAvailability(service: ServiceConfig) {
  return useQuery(availabilityQueryOptions(service));
}

/**
 * Whether anything answers at the service's address at all, read with a
 * no-cors request that sends no credential: tells "no CORS headers" apart
 * from "unreachable".
 */
export function serviceAnswersQueryOptions(tapUrl: string) {
  return queryOptions({
    queryKey: jobKeys.answers(tapUrl),
    queryFn: () => probeAnswers(`${tapUrl}/availability`),
    retry: false,
    staleTime: 30_000,
  });
}

export function useServiceAnswers(tapUrl: string) {
  return useQuery(serviceAnswersQueryOptions(tapUrl));
}

export interface Reachability extends AutoRetryState {
  /** The service cannot be reached (in a way a retry may fix), or says it is down. */
  failing: boolean;
  /** Why, when a request failed (null when the service answered that it is down). */
  error: unknown;
  /** The service's own note when it says it is down. */
  note: string | null;
  /** Since when it has been failing, in ms since the epoch (null when it is not). */
  failingSince: number | null;
  /** A check is under way. */
  checking: boolean;
}

/**
 * Whether the service answers, checked again by itself with growing delays
 * while it does not. When it answers again after failing, everything read
 * from it is read again, so the screen recovers without a reload.
 */
export function useReachability(service: ServiceConfig): Reachability {
  const client = useQueryClient();
  const q = useQuery(availabilityQueryOptions(service));
  // A check of a query without data puts it back to 'pending' while it runs: what failed
  // stays failing until the service answers.
  const [failure, setFailure] = useState<{ since: number; error: unknown } | null>(null);
  const [recoveries, setRecoveries] = useState(0);
  const failedRequest = q.isError && !isPermanent(q.error);
  const saysDown = q.isSuccess && q.data.available === false;
  // Kept while a new check runs (the query is then 'pending' again, without its error).
  const failedAt = saysDown ? q.dataUpdatedAt : q.errorUpdatedAt;
  if ((failedRequest || saysDown) && (failure === null || (failedRequest && failure.error !== q.error))) {
    setFailure({ since: failure?.since ?? failedAt, error: failedRequest ? q.error : null });
  }
  if (q.isSuccess && !saysDown && failure !== null) {
    setFailure(null);
    setRecoveries((n) => n + 1);
  }
  if (q.isError && !failedRequest && failure !== null) setFailure(null);
  const failing = failedRequest || saysDown || (failure !== null && q.isFetching);
  useEffect(() => {
    if (recoveries === 0) return;
    void client.invalidateQueries({
      queryKey: jobKeys.anyCredential(service.tapUrl),
      predicate: (query) => query.queryKey.at(-1) !== 'availability',
    });
  }, [recoveries, client, service.tapUrl]);
  const retry = useAutoRetry({
    failing,
    failedAt,
    busy: q.isFetching,
    retry: () => void q.refetch({ cancelRefetch: false }),
  });
  return {
    ...retry,
    failing,
    error: failedRequest ? q.error : (failure?.error ?? null),
    note: q.data?.available === false ? q.data.note : null,
    failingSince: failing ? (failure?.since ?? failedAt) : null,
    checking: q.isFetching,
  };
}
