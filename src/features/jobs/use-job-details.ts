/**
 * The documents of the jobs in view, read lazily through the query cache.
 *
 * Each job's document lives under the same key the job page uses
 * (`jobQueryOptions`), so the two share one cache entry and the job page's
 * poller is the only one. The list never polls a job: it reads a document
 * once, and again only when the service's list shows a different phase.
 * Documents are kept for the session (gcTime: Infinity).
 */
import { hashKey, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { jobQueryOptions } from '../../api';
import { markJobGone } from '../../lib/local-jobs';
import { NotFoundError } from '../../protocol/http/errors';
import type { UwsJob } from '../../protocol/uws/types';
import { DetailLoader } from './detail-loader';
import type { JobRow } from './rows';

/** Requests at a time per service. */
export const DETAIL_CONCURRENCY = 4;
/** Wait this long after scrolling stops before asking for the rows in view. */
const SETTLE_MS = 120;

/** The list's view of the job documents in the query cache. */
class JobDetailStore {
  private readonly hashes = new Map<string, string>();
  private readonly rows = new Map<string, JobRow>();
  private watched = new Set<string>();
  private settle: ReturnType<typeof setTimeout> | null = null;
  readonly loader: DetailLoader;
  version = 0;

  constructor(private readonly client: QueryClient) {
    this.loader = new DetailLoader({
      concurrency: DETAIL_CONCURRENCY,
      needed: (key) => {
        const row = this.rows.get(key);
        if (!row || row.gone) return false;
        const job = this.detailOf(row);
        // A held document is read again only when the service's list says the phase moved on.
        return !job || (row.inServerList && row.phase !== null && row.phase !== job.phase);
      },
      load: (key, signal) => this.load(key, signal),
    });
  }

  private hashOf(row: JobRow): string {
    let h = this.hashes.get(row.key);
    if (!h) {
      h = hashKey(jobQueryOptions(row.service, row.jobUrl).queryKey);
      this.hashes.set(row.key, h);
      this.watched.add(h);
    }
    return h;
  }

  private async load(key: string, signal: AbortSignal): Promise<void> {
    const row = this.rows.get(key);
    if (!row) return;
    const options = jobQueryOptions(row.service, row.jobUrl);
    const cancel = () => void this.client.cancelQueries({ queryKey: options.queryKey, exact: true });
    signal.addEventListener('abort', cancel);
    try {
      await this.client.fetchQuery({ ...options, gcTime: Infinity });
    } catch (error) {
      if (error instanceof NotFoundError && row.local) markJobGone(row.jobUrl);
      throw error;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  detailOf = (row: JobRow): UwsJob | undefined => this.client.getQueryCache().get<UwsJob>(this.hashOf(row))?.state.data;

  isLoading = (row: JobRow): boolean => {
    const h = this.hashes.get(row.key);
    return !!h && this.client.getQueryCache().get(h)?.state.fetchStatus === 'fetching';
  };

  /** The rows in view now; asked for once scrolling settles. */
  inView = (rows: readonly JobRow[]): void => {
    for (const r of rows) {
      this.rows.set(r.key, r);
      this.hashOf(r);
    }
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => this.loader.want(rows.map((r) => ({ key: r.key, group: r.service.tapUrl }))), SETTLE_MS);
  };

  /** One notification per burst of cache events about the listed jobs. */
  subscribe = (notify: () => void): (() => void) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = this.client.getQueryCache().subscribe((event) => {
      if (timer || !this.watched.has(event.query.queryHash)) return;
      timer = setTimeout(() => {
        timer = null;
        this.version += 1;
        notify();
      }, 100);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  };

  getVersion = (): number => this.version;

  stop(): void {
    if (this.settle) clearTimeout(this.settle);
    this.loader.stop();
  }
}

export interface JobDetails {
  detailOf: (row: JobRow) => UwsJob | undefined;
  isLoading: (row: JobRow) => boolean;
  /** Changes whenever a document arrives or a request starts or ends. */
  version: number;
  /** Tell which rows are in view now. */
  inView: (rows: readonly JobRow[]) => void;
  /** Requests made since the list opened. */
  requests: () => number;
}

export function useJobDetails(): JobDetails {
  const client = useQueryClient();
  const [store] = useState(() => new JobDetailStore(client));
  useEffect(() => () => store.stop(), [store]);
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  return {
    detailOf: store.detailOf,
    isLoading: store.isLoading,
    version,
    inView: store.inView,
    requests: () => store.loader.requests,
  };
}
