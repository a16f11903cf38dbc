/**
 * One TanStack query per result URL (keyed with the service URL), fetched and
 * decoded in a worker with the service's credential. While it loads, its
 * progress and first rows are kept beside the cache for the view. Decoded
 * results stay cached while the user moves around the app, bounded by bytes
 * (see result-cache.ts), and are never refetched on focus.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ServiceError, isPermanent } from '../../protocol/http/errors';
import { batchedTable, type BatchedTable } from '../../protocol/votable/batched-table';
import { credentialIdentity, type ServiceKeySource } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import { autoLoadLimit } from './auto-load-limit';
import { fetchResult, type ResultData, type ResultProgress } from './fetch-result';
import { boundResultCache } from './result-cache';

export const resultKeys = {
  all: ['results'] as const,
  result: (service: ServiceKeySource, resultUrl: string) =>
    [...resultKeys.all, service.tapUrl, credentialIdentity(service.credential), resultUrl] as const,
};

/** What a running load has to show: its progress and the rows of its first table so far. */
export interface LoadingState {
  progress: ResultProgress | null;
  rows: BatchedTable | null;
}

/**
 * A load that ended well keeps showing its rows until its table is in the
 * query cache: dropped at once, the view would have neither for a moment and
 * the grid the user is reading would be taken down and built again.
 */
type Entry = LoadingState & { run: object; done?: true };

const EMPTY: LoadingState = { progress: null, rows: null };
/** The state of the latest load of each result; `run` tells it from an earlier load of the same result still ending. */
const loadingByKey = new Map<string, Entry>();
const listeners = new Set<() => void>();

/** Results the user asked to load whatever their size. */
const loadAnyway = new Set<string>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** A new load of a result: from now on the only one whose progress and rows are shown. */
function start(key: string, run: object): void {
  loadingByKey.set(key, { ...EMPTY, run });
  notify();
}

/**
 * What load `run` has to show, or its end (null). A load that is no longer the
 * latest of its result (cancelled when its view went away, then started
 * again) changes nothing: it must not wipe out what the newer load shows.
 */
function update(key: string, run: object, change: Partial<LoadingState> | null): void {
  const current = loadingByKey.get(key);
  if (current?.run !== run) return;
  if (change === null) loadingByKey.delete(key);
  else loadingByKey.set(key, { ...current, ...change });
  notify();
}

/** A load that ended well: its rows stay until its table lands in the cache (see handOver). */
function finish(key: string, run: object): void {
  const current = loadingByKey.get(key);
  if (current?.run === run) loadingByKey.set(key, { ...current, done: true });
}

const handingOver = new WeakSet<QueryClient>();

/**
 * When a result's table lands in the query cache, the rows shown while it
 * arrived go. The cache tells its listeners after the query's observers have
 * the data, so the view goes from the rows to the table in one step. Once per client.
 */
function handOver(client: QueryClient): void {
  if (handingOver.has(client)) return;
  handingOver.add(client);
  client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || event.query.queryKey[0] !== resultKeys.all[0]) return;
    const key = JSON.stringify(event.query.queryKey);
    if (loadingByKey.get(key)?.done) {
      loadingByKey.delete(key);
      notify();
    }
  });
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
      const loadingKey = JSON.stringify(queryKey);
      const run = {};
      start(loadingKey, run);
      let shown: BatchedTable | null = null;
      let ended = false;
      try {
        const data = await fetchResult(service, resultUrl, {
          signal,
          maxBytes: loadAnyway.has(loadingKey) ? null : autoLoadLimit(),
          onProgress: (progress) => update(loadingKey, run, { progress }),
          onRows: (batch) => {
            shown = shown ? shown.append(batch) : batchedTable(batch);
            update(loadingKey, run, { rows: shown });
          },
        });
        ended = true;
        return data;
      } finally {
        if (ended) finish(loadingKey, run);
        else update(loadingKey, run, null);
      }
    },
    staleTime: Infinity,
    // Kept until the byte-bounded cache lets go of it (result-cache.ts).
    gcTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: retryResult,
  });
}

export function useResult(service: ServiceConfig, resultUrl: string, enabled = true) {
  const options = resultQueryOptions(service, resultUrl);
  const client = useQueryClient();
  boundResultCache(client);
  handOver(client);
  const query = useQuery({ ...options, enabled });
  const loadingKey = JSON.stringify(options.queryKey);
  const entry = useSyncExternalStore(
    subscribe,
    () => loadingByKey.get(loadingKey) ?? EMPTY,
    () => EMPTY,
  );
  // Rows still arriving are only shown while the whole table is not there.
  const loading = query.data ? EMPTY : entry;
  const cancel = useCallback(
    () => void client.cancelQueries({ queryKey: resultKeys.result(service, resultUrl) }),
    [client, service, resultUrl],
  );
  const { refetch } = query;
  const load = useCallback(() => void refetch(), [refetch]);
  /** Load the result whatever its size (the user saw the size and asked for it). */
  const loadLarge = useCallback(() => {
    loadAnyway.add(loadingKey);
    void refetch();
  }, [loadingKey, refetch]);
  return { query, loading, cancel, load, loadLarge };
}
