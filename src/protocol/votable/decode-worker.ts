/**
 * Web Worker entry: decodes a VOTable off the main thread and sends back the
 * plain data with its column buffers transferred (see worker-client.ts).
 */

import { decodeVotableDataAsync } from './parse-votable';
import { transferablesOf, type WorkerRequest, type WorkerResponse } from './worker-protocol';
import { VotableError } from './types';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
};

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { bytes } = e.data;
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
};
