import { queryOptions, useQuery } from '@tanstack/react-query';
import { getExamples, type ServiceExample } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { NotFoundError } from '../protocol/http/errors';
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

/**
 * The service's examples (none when it has none), and whether reading them
 * failed in a way worth saying: a service without examples answers 404, which
 * is no failure; a fault on the way is, with a retry.
 */
export function useServiceExamples(service: ServiceConfig) {
  const query = useQuery(examplesQueryOptions(service));
  const failed = query.isError && !(query.error instanceof NotFoundError);
  return { examples: query.data ?? NO_EXAMPLES, failed, error: query.error, retry: () => void query.refetch(), retrying: query.isFetching };
}

const NO_EXAMPLES: ServiceExample[] = [];
