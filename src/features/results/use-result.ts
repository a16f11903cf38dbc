/**
 * One TanStack query per result URL (keyed with the service URL), fetched
 * through the service's own transport so that its credential goes only to
 * its origin. A decoded table can be large: the cache lets go of it shortly
 * after nothing shows it any more, and it is never refetched on focus.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { ServiceError, isPermanent } from '../../protocol/http/errors';
import { decodeVotableInWorker } from '../../protocol/votable/worker-client';
import { credentialIdentity, getServiceClient, type ServiceKeySource } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import { fetchResult, type ResultData, type ResultProgress } from './fetch-result';

export const resultKeys = {
  all: ['results'] as const,
  result: (service: ServiceKeySource, resultUrl: string) =>
    [...resultKeys.all, service.tapUrl, credentialIdentity(service.credential), resultUrl] as const,
};

/** How long a result nobody shows stays in memory. */
export const RESULT_GC_MS = 15_000;

// Progress of running fetches, by key, for whichever component shows them.
const progressByKey = new Map<string, ResultProgress>();
const listeners = new Set<() => void>();

function setProgress(key: string, progress: ResultProgress | null): void {
  if (progress === null) progressByKey.delete(key);
  else progressByKey.set(key, progress);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Retry failures a retry may fix (service hiccups), never decoding or permanent errors. */
export function retryResult(failureCount: number, error: unknown): boolean {
  return error instanceof ServiceError && !isPermanent(error) && failureCount < 2;
}

export function resultQueryOptions(service: ServiceConfig, resultUrl: string) {
  return queryOptions({
    queryKey: resultKeys.result(service, resultUrl),
    queryFn: async ({ signal, queryKey }): Promise<ResultData> => {
      const progressKey = JSON.stringify(queryKey);
      const { transport } = getServiceClient(service);
      try {
        return await fetchResult(resultUrl, {
          transport,
          decode: (bytes, decodeOptions) => decodeVotableInWorker(bytes, { ...decodeOptions, transferInput: true }),
          signal,
          onProgress: (progress) => setProgress(progressKey, progress),
        });
      } finally {
        setProgress(progressKey, null);
      }
    },
    staleTime: Infinity,
    gcTime: RESULT_GC_MS,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: retryResult,
  });
}

export function useResult(service: ServiceConfig, resultUrl: string) {
  const options = resultQueryOptions(service, resultUrl);
  const query = useQuery(options);
  const client = useQueryClient();
  const progressKey = JSON.stringify(options.queryKey);
  const progress = useSyncExternalStore(
    subscribe,
    () => progressByKey.get(progressKey) ?? null,
    () => null,
  );
  const cancel = useCallback(
    () => void client.cancelQueries({ queryKey: resultKeys.result(service, resultUrl) }),
    [client, service, resultUrl],
  );
  const { refetch } = query;
  const load = useCallback(() => void refetch(), [refetch]);
  return { query, progress, cancel, load };
}
