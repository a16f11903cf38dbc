/** Messages between worker-client.ts and decode-worker.ts. */

import type { Credential } from '../http/transport';
import type { DecodeProgress } from './parse-votable';
import type { VoColumnData, VoResourceData, VoTableData, VotableErrorCode } from './types';
import type { RowBatch } from './worker-batches';
import type { SerializedError } from './worker-errors';

/** Decode bytes the page already holds (a local file). */
export interface DecodeRequest {
  type: 'decode';
  bytes: Uint8Array;
}

/** Fetch a result and decode it while it arrives. */
export interface LoadRequest {
  type: 'load';
  /** Absolute URL of the result. */
  url: string;
  /** The service's URL: the transport sends the credential only within its scope. */
  serviceUrl: string;
  /** The service's credential, given only when `url` lies within the service's scope. */
  credential: Credential;
  /** Milliseconds to wait for the service to start answering. */
  timeoutMs: number;
  /**
   * Rows to post before the end, for a view that shows them at once: 0 for
   * none; CSV and TSV post this many first rows, VOTable all rows in batches
   * as they decode.
   */
  firstRows: number;
  /** False to only fetch the bytes (a download): the payload is then a preview. */
  decode: boolean;
  /** Stop with ResultTooLargeError beyond this many bytes (by Content-Length, or as they arrive); null: no limit. */
  maxBytes: number | null;
}

export type WorkerRequest = DecodeRequest | LoadRequest;

export type ResultFormat = 'votable' | 'csv' | 'tsv' | 'fits' | 'other';

export interface LoadProgress {
  phase: 'download' | 'decode';
  /** Bytes received (download) or decoded (decode). */
  bytes: number;
  /** From Content-Length (download) or the size received (decode); null when unknown. */
  totalBytes: number | null;
  /** Rows decoded so far. */
  rows: number;
}

/** What a loaded result is: a table (VOTable, CSV, TSV, FITS) or, for anything else, its first bytes as text. */
export type ResultPayload =
  | { kind: 'table'; format: 'votable' | 'csv' | 'tsv' | 'fits'; data: VoTableData }
  | {
      kind: 'preview';
      /** The first PREVIEW_BYTES as text; null for binary content. */
      text: string | null;
      truncated: boolean;
      /** Why a document that looked like a VOTable could not be decoded. */
      decodeError: string | null;
    };

export interface LoadedResult {
  payload: ResultPayload;
  /** The bytes as received, made in the worker (a Blob: no copy in the page's memory). */
  original: Blob;
  contentType: string | null;
  byteLength: number;
  /** From the request to the last byte. */
  downloadMs: number;
  /** From the first byte to the last byte. */
  transferMs: number;
  /** Decoding after the last byte (what streaming did not already do). */
  decodeMs: number;
}

export type WorkerResponse =
  | { type: 'progress'; progress: DecodeProgress }
  | { type: 'done'; data: VoTableData }
  | { type: 'error'; code: VotableErrorCode; message: string }
  | { type: 'load-progress'; progress: LoadProgress }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'loaded'; result: LoadedResult }
  | { type: 'load-error'; error: SerializedError };

/** Adds the ArrayBuffers a column's data lives in to `buffers`, to transfer them. */
export function addColumnBuffers(buffers: Set<ArrayBuffer>, c: VoColumnData): void {
  if (c.nulls) buffers.add(c.nulls.buffer as ArrayBuffer);
  if (c.kind === 'string-bytes') {
    buffers.add(c.bytes.buffer as ArrayBuffer);
    buffers.add(c.offsets.buffer as ArrayBuffer);
    return;
  }
  if (c.kind === 'array') buffers.add(c.offsets.buffer as ArrayBuffer);
  if (!Array.isArray(c.values)) buffers.add((c.values as Uint8Array).buffer as ArrayBuffer);
}

/** The distinct ArrayBuffers of all columns of a document. */
export function transferablesOf(data: VoTableData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (r: VoResourceData): void => {
    for (const t of r.tables) for (const c of t.columns) addColumnBuffers(buffers, c);
    r.resources.forEach(visit);
  };
  data.resources.forEach(visit);
  return [...buffers];
}
