/**
 * One job result, fetched and decoded in a worker (see
 * protocol/votable/worker-client.ts): a table (VOTable, CSV, TSV), or for
 * anything else its first bytes as text. The original bytes stay a Blob made
 * in the worker, for the download.
 */
import type { ServiceConfig } from '../../lib/services';
import type { VoTable } from '../../protocol/votable/types';
import { loadResultInWorker } from '../../protocol/votable/worker-client';
import type { RowBatch } from '../../protocol/votable/worker-batches';
import type { LoadProgress } from '../../protocol/votable/worker-protocol';

export { PREVIEW_BYTES } from '../../protocol/votable/worker-formats';

export type ResultProgress = LoadProgress;

interface Loaded {
  original: Blob;
  contentType: string | null;
  byteLength: number;
  /** From the request to the last byte. */
  downloadMs: number;
  /** Decoding after the last byte. */
  decodeMs: number;
}

export interface TableResult extends Loaded {
  kind: 'table';
  format: 'votable' | 'csv' | 'tsv' | 'fits';
  votable: VoTable;
}

export interface PreviewResult extends Loaded {
  kind: 'preview';
  /** The first PREVIEW_BYTES as text; null for binary content. */
  text: string | null;
  truncated: boolean;
  /** Why a document that looked like a VOTable could not be decoded. */
  decodeError: string | null;
}

export type ResultData = TableResult | PreviewResult;

/** How many first rows of a CSV or TSV result are shown while the rest arrives (VOTable rows show as they decode). */
export const FIRST_ROWS = 1000;

export interface FetchResultOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ResultProgress) => void;
  /** Rows of the first table while the rest arrives. */
  onRows?: (batch: RowBatch) => void;
  /** Milliseconds to wait for the service to start answering. */
  timeoutMs?: number;
  /** Stop with ResultTooLargeError beyond this many bytes; null or absent: no limit. */
  maxBytes?: number | null;
}

export async function fetchResult(service: ServiceConfig, url: string, options: FetchResultOptions = {}): Promise<ResultData> {
  const loaded = await loadResultInWorker(url, {
    serviceUrl: service.tapUrl,
    credential: service.credential,
    firstRows: FIRST_ROWS,
    timeoutMs: options.timeoutMs ?? 120_000,
    maxBytes: options.maxBytes ?? null,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onRows ? { onRows: options.onRows } : {}),
  });
  const common: Loaded = {
    original: loaded.original,
    contentType: loaded.contentType,
    byteLength: loaded.byteLength,
    downloadMs: loaded.downloadMs,
    decodeMs: loaded.decodeMs,
  };
  const { payload } = loaded;
  return payload.kind === 'table'
    ? { kind: 'table', format: payload.format, votable: payload.votable, ...common }
    : { kind: 'preview', text: payload.text, truncated: payload.truncated, decodeError: payload.decodeError, ...common };
}
