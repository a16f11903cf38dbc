/**
 * Decodes a VOTable in a Web Worker so that the page never freezes, with
 * progress and cancellation. Where Worker is unavailable (Node, tests) it
 * decodes in the calling thread instead, with the same result.
 */

import { decodeVotableDataAsync, type DecodeProgress } from './parse-votable';
import { hydrate } from './table-access';
import { VotableError, type VoTable } from './types';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

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

export function decodeVotableInWorker(bytes: Uint8Array, options: DecodeInWorkerOptions = {}): Promise<VoTable> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(aborted(signal));
  if (typeof Worker === 'undefined') {
    return decodeVotableDataAsync(bytes, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) }).then(hydrate);
  }
  return new Promise<VoTable>((resolve, reject) => {
    const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
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
      } else {
        cleanup();
        reject(new VotableError(msg.code, msg.message));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      cleanup();
      reject(new VotableError('malformed', `The decoding worker failed: ${e.message}`));
    };
    const request: WorkerRequest = { bytes };
    worker.postMessage(request, options.transferInput ? [bytes.buffer as ArrayBuffer] : []);
  });
}
