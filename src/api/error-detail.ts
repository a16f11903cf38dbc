import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UwsClient } from '../protocol/uws/client';
import type { ServiceConfig } from '../lib/services';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';

/** The text of a job's /error resource (null when the service has none). */
export function fetchErrorDetail(uws: UwsClient, jobUrl: string, signal?: AbortSignal): Promise<string | null> {
  return uws.getErrorDetail(jobUrl, { signal });
}

export function errorDetailQueryOptions(service: ServiceConfig, jobUrl: string) {
  return queryOptions({
    queryKey: jobKeys.errorDetail(service, jobUrl),
    queryFn: ({ signal }) => fetchErrorDetail(getServiceClient(service).uws, jobUrl, signal),
    retry: retryUnlessPermanent,
    // A job's error does not change once it is written.
    staleTime: Infinity,
  });
}

export function useErrorDetail(service: ServiceConfig, jobUrl: string, enabled = true) {
  return useQuery({ ...errorDetailQueryOptions(service, jobUrl), enabled });
}
