/**
 * Web Worker entry. 'decode': decodes bytes the page holds. 'load': fetches a
 * result itself and decodes it while it arrives (see worker-load.ts), so
 * that result bytes never touch the page's thread. Either way the decoded
 * columns are transferred, not copied. The page stops a load by terminating
 * the worker, which ends the network request and the decoding at once.
 */

import { decodeVotableDataAsync } from './parse-votable';
import { transferablesOf, type LoadRequest, type WorkerRequest, type WorkerResponse } from './worker-protocol';
import { VotableError } from './types';
import { serializeError } from './worker-errors';
import { loadResult } from './worker-load';
import { batchTransferables } from './worker-batches';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
};

function decode(bytes: Uint8Array): void {
  let last = 0;
  decodeVotableDataAsync(bytes, {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 50) return;
      last = now;
      scope.postMessage({ type: 'progress', progress: p });
    },
  }).then(
    (data) => {
      scope.postMessage({ type: 'done', data }, transferablesOf(data));
    },
    (err: unknown) => {
      const code = err instanceof VotableError ? err.code : 'malformed';
      const message = err instanceof Error ? err.message : String(err);
      scope.postMessage({ type: 'error', code, message });
    },
  );
}

function load(request: LoadRequest): void {
  const controller = new AbortController();
  loadResult(
    request,
    {
      progress: (progress) => scope.postMessage({ type: 'load-progress', progress }),
      // Each batch has buffers of its own that the worker no longer writes to: handed over, not copied.
      rows: (batch) => scope.postMessage({ type: 'rows', batch }, batchTransferables(batch)),
    },
    controller.signal,
  ).then(
    (result) => {
      const transfer = result.payload.kind === 'table' ? transferablesOf(result.payload.data) : [];
      scope.postMessage({ type: 'loaded', result }, transfer);
    },
    (error: unknown) => scope.postMessage({ type: 'load-error', error: serializeError(error) }),
  );
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const request = e.data;
  if (request.type === 'load') load(request);
  else decode(request.bytes);
};
