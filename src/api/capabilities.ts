import { queryOptions, useQuery } from '@tanstack/react-query';
import { getCapabilities } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';

/** The service's VOSI capabilities (TAPRegExt limits, languages, output formats). */
export function fetchCapabilities(service: ServiceConfig, signal?: AbortSignal) {
  return getCapabilities(service.tapUrl, getServiceClient(service).transport, { signal });
}

export function capabilitiesQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.capabilities(service),
    queryFn: ({ signal }) => fetchCapabilities(service, signal),
    retry: retryUnlessPermanent,
    staleTime: 60 * 60 * 1000,
  });
}

export function useCapabilities(service: ServiceConfig) {
  return useQuery(capabilitiesQueryOptions(service));
}
