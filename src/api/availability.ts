import { queryOptions, useQuery } from '@tanstack/react-query';
import { getAvailability } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { probeAnswers } from '../lib/proxy';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';
import { retryDelayMs, retryWhileFailing } from './unreachable';

/** The service's VOSI availability: up, or down with the service's note. */
export function fetchAvailability(service: ServiceConfig, signal?: AbortSignal) {
  return getAvailability(service.tapUrl, getServiceClient(service).transport, { signal });
}

/**
 * Availability is checked again by itself, with growing delays, while the
 * service cannot be reached or says it is down (a service that is starting
 * comes up without the user doing anything); once it is up, a minute later.
 */
export function availabilityQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.availability(service),
    queryFn: ({ signal }) => fetchAvailability(service, signal),
    retry: retryUnlessPermanent,
    staleTime: 60 * 1000,
    refetchInterval: (query) => {
      const failing = retryWhileFailing(query);
      if (failing !== undefined) return failing;
      return query.state.data?.available === false ? retryDelayMs(query.state.dataUpdateCount) : false;
    },
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
