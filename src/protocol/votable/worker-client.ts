/**
 * The page's side of the decoding worker: decoding bytes the page holds
 * (`decodeVotableInWorker`), and loading a result by URL in the worker
 * (`loadResultInWorker`) with progress, first rows and cancellation. Where
 * Worker is unavailable (Node, tests) both run in the calling thread instead,
 * with the same result.
 */

import { credentialScope, inCredentialScope } from '../http/credential-scope';
import type { Credential } from '../http/transport';
import { decodeVotableDataAsync, type DecodeProgress } from './parse-votable';
import { hydrate } from './table-access';
import { VotableError, type VoTable } from './types';
import type { RowBatch } from './worker-batches';
import { reviveError } from './worker-errors';
import { loadResult } from './worker-load';
import type { LoadedResult, LoadProgress, WorkerRequest, WorkerResponse } from './worker-protocol';

export interface DecodeInWorkerOptions {
  signal?: AbortSignal;
  onProgress?: (p: DecodeProgress) => void;
  /**
   * Hand the input buffer over to the worker instead of copying it (the
   * caller's `bytes` become unusable). Default false.
   */
  transferInput?: boolean;
}

function aborted(signal: AbortSignal): VotableError {
  return new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
}

const startWorker = () => new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });

export function decodeVotableInWorker(bytes: Uint8Array, options: DecodeInWorkerOptions = {}): Promise<VoTable> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(aborted(signal));
  if (typeof Worker === 'undefined') {
    return decodeVotableDataAsync(bytes, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) }).then(hydrate);
  }
  return new Promise<VoTable>((resolve, reject) => {
    const worker = startWorker();
    const cleanup = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(aborted(signal!));
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const msg = e.data;
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'done') {
        cleanup();
        resolve(hydrate(msg.data));
      } else if (msg.type === 'error') {
        cleanup();
        reject(new VotableError(msg.code, msg.message));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      cleanup();
      reject(new VotableError('malformed', `The decoding worker failed: ${e.message}`));
    };
    const request: WorkerRequest = { type: 'decode', bytes };
    worker.postMessage(request, options.transferInput ? [bytes.buffer as ArrayBuffer] : []);
  });
}

/**
 * Whether `url` lies within the credential scope of the service at
 * `serviceUrl` (the transport's one rule: same origin and, for a service
 * reached through the proxy, the same proxy prefix).
 */
export function inServiceScope(url: string, serviceUrl: string): boolean {
  return inCredentialScope(url, credentialScope(serviceUrl));
}

export interface LoadResultOptions {
  serviceUrl: string;
  credential: Credential;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Rows to show before the end (0: none; see LoadRequest.firstRows). */
  firstRows?: number;
  /** False to only fetch the bytes, for a download (default true). */
  decode?: boolean;
  /** Stop with ResultTooLargeError beyond this many bytes (default: no limit). */
  maxBytes?: number | null;
  onProgress?: (progress: LoadProgress) => void;
  /** Rows of the first table while the rest arrives, in order (see batched-table.ts to show them). */
  onRows?: (batch: RowBatch) => void;
  /** Only where Worker is unavailable (tests): the fetch used in the calling thread. */
  fetch?: typeof fetch;
}

export interface LoadedResultView extends Omit<LoadedResult, 'payload'> {
  payload: { kind: 'table'; format: 'votable' | 'csv' | 'tsv' | 'fits'; votable: VoTable } | Extract<LoadedResult['payload'], { kind: 'preview' }>;
}

function view(result: LoadedResult): LoadedResultView {
  const { payload } = result;
  return {
    ...result,
    payload: payload.kind === 'table' ? { kind: 'table', format: payload.format, votable: hydrate(payload.data) } : payload,
  };
}

/**
 * Fetch and decode a result in a worker. The credential goes to the worker
 * only when the URL lies within the service's scope. Aborting the signal
 * terminates the worker: the request and the decoding stop at once.
 */
export function loadResultInWorker(url: string, options: LoadResultOptions): Promise<LoadedResultView> {
  const { signal } = options;
  const absolute = new URL(url, globalThis.location?.href).toString();
  const request: WorkerRequest = {
    type: 'load',
    url: absolute,
    serviceUrl: options.serviceUrl,
    credential: inServiceScope(absolute, options.serviceUrl) ? options.credential : { kind: 'none' },
    timeoutMs: options.timeoutMs ?? 120_000,
    firstRows: options.firstRows ?? 0,
    decode: options.decode ?? true,
    maxBytes: options.maxBytes ?? null,
  };
  if (signal?.aborted) return Promise.reject(reviveError({ name: 'AbortedError', message: 'Loading the result was cancelled.' }));
  if (typeof Worker === 'undefined') {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    return loadResult(
      request,
      { progress: (p) => options.onProgress?.(p), rows: (batch) => options.onRows?.(batch) },
      controller.signal,
      options.fetch ? { fetch: options.fetch } : {},
    )
      .then(view)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  }
  return new Promise<LoadedResultView>((resolve, reject) => {
    const worker = startWorker();
    const cleanup = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject(reviveError({ name: 'AbortedError', message: 'Loading the result was cancelled.', url: absolute }));
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const msg = e.data;
      switch (msg.type) {
        case 'load-progress':
          options.onProgress?.(msg.progress);
          break;
        case 'rows':
          options.onRows?.(msg.batch);
          break;
        case 'loaded':
          cleanup();
          resolve(view(msg.result));
          break;
        case 'load-error':
          cleanup();
          reject(reviveError(msg.error));
          break;
        default:
          break;
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      cleanup();
      reject(new VotableError('malformed', `The result worker failed: ${e.message}`));
    };
    worker.postMessage(request);
  });
}
