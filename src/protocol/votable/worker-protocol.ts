/** Messages between worker-client.ts and decode-worker.ts. */

import type { DecodeProgress } from './parse-votable';
import type { VoResourceData, VoTableData, VotableErrorCode } from './types';

export interface WorkerRequest {
  bytes: Uint8Array;
}

export type WorkerResponse =
  | { type: 'progress'; progress: DecodeProgress }
  | { type: 'done'; data: VoTableData }
  | { type: 'error'; code: VotableErrorCode; message: string };

/** The distinct ArrayBuffers of all columns of a document. */
export function transferablesOf(data: VoTableData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (r: VoResourceData): void => {
    for (const t of r.tables) {
      for (const c of t.columns) {
        if (c.nulls) buffers.add(c.nulls.buffer as ArrayBuffer);
        if (c.kind === 'string-bytes') {
          buffers.add(c.bytes.buffer as ArrayBuffer);
          buffers.add(c.offsets.buffer as ArrayBuffer);
          continue;
        }
        if (c.kind === 'array') buffers.add(c.offsets.buffer as ArrayBuffer);
        if (!Array.isArray(c.values)) buffers.add((c.values as Uint8Array).buffer as ArrayBuffer);
      }
    }
    r.resources.forEach(visit);
  };
  data.resources.forEach(visit);
  return [...buffers];
}
