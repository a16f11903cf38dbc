import { queryOptions, useQuery } from '@tanstack/react-query';
import { getExamples, type ServiceExample } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { jobKeys } from './keys';
import { getServiceClient } from './service-client';

export { parseExamples, type ServiceExample } from '../protocol/tap';

export function fetchExamples(service: ServiceConfig, signal?: AbortSignal): Promise<ServiceExample[]> {
  return getExamples(service.tapUrl, getServiceClient(service).transport, { signal });
}

export function examplesQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: jobKeys.examples(service),
    queryFn: ({ signal }) => fetchExamples(service, signal),
    // Many services have no examples: one failed look is enough.
    retry: false,
    staleTime: 60 * 60 * 1000,
  });
}

/** The service's examples; an empty list when it has none or they cannot be read. */
export function useServiceExamples(service: ServiceConfig): ServiceExample[] {
  return useQuery(examplesQueryOptions(service)).data ?? [];
}
