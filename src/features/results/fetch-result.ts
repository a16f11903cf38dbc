/**
 * Fetching one job result and turning it into something to show: a decoded
 * VOTable, or (for anything else) the first bytes as text. The original bytes
 * are always kept, as a Blob, for download.
 */
import type { Transport } from '../../protocol/http/transport';
import { looksLikeVoTable } from '../../protocol/http/votable-error';
import { VotableError, type VoTable } from '../../protocol/votable/types';

/** How much of a result that is not a VOTable is shown as text. */
export const PREVIEW_BYTES = 200_000;

export interface ResultProgress {
  phase: 'download' | 'decode';
  bytes: number;
  /** From Content-Length; null when the server did not say. */
  totalBytes: number | null;
  rows: number;
}

export interface VotableResult {
  kind: 'votable';
  votable: VoTable;
  original: Blob;
  contentType: string | null;
  byteLength: number;
  downloadMs: number;
  decodeMs: number;
}

export interface PreviewResult {
  kind: 'preview';
  original: Blob;
  contentType: string | null;
  byteLength: number;
  downloadMs: number;
  /** The first PREVIEW_BYTES as text; null for binary content. */
  text: string | null;
  truncated: boolean;
  /** Why a document that looked like a VOTable could not be decoded. */
  decodeError: string | null;
}

export type ResultData = VotableResult | PreviewResult;

export type VotableDecoder = (
  bytes: Uint8Array,
  options: { signal?: AbortSignal; onProgress?: (progress: { bytes: number; totalBytes: number; rows: number }) => void },
) => Promise<VoTable>;

export interface FetchResultOptions {
  transport: Transport;
  decode: VotableDecoder;
  signal?: AbortSignal;
  onProgress?: (progress: ResultProgress) => void;
  /** Milliseconds to wait for the service to start answering. */
  timeoutMs?: number;
}

const now = () => performance.now();

/** The MIME type part of a Content-Type, lower case. */
export function mimeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether the first bytes are a VOTable document (the content decides, not the label). */
export function isVotableBytes(head: Uint8Array): boolean {
  return looksLikeVoTable(new TextDecoder('utf-8').decode(head.subarray(0, 4096)));
}

/** Binary content: NUL bytes near the start, as text formats never have them. */
export function looksBinary(head: Uint8Array): boolean {
  const end = Math.min(head.length, 8192);
  for (let i = 0; i < end; i++) if (head[i] === 0) return true;
  return false;
}

export function previewOf(bytes: Uint8Array): { text: string | null; truncated: boolean } {
  if (looksBinary(bytes)) return { text: null, truncated: bytes.length > 0 };
  const truncated = bytes.length > PREVIEW_BYTES;
  // A character cut in half at the limit is dropped rather than shown as U+FFFD.
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, PREVIEW_BYTES), { stream: truncated });
  return { text, truncated };
}

async function readBody(
  response: Awaited<ReturnType<Transport['request']>>,
  signal: AbortSignal | undefined,
  onProgress: ((progress: ResultProgress) => void) | undefined,
): Promise<Uint8Array> {
  const header = response.headers.get('content-length');
  const totalBytes = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  if (!response.body) return response.bytes();
  const reader = response.body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let received = 0;
  let lastReport = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      chunks.push(value);
      received += value.length;
      const t = now();
      if (t - lastReport > 100) {
        lastReport = t;
        onProgress?.({ phase: 'download', bytes: received, totalBytes, rows: 0 });
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  onProgress?.({ phase: 'download', bytes: received, totalBytes, rows: 0 });
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export async function fetchResult(url: string, options: FetchResultOptions): Promise<ResultData> {
  const { transport, decode, signal, onProgress } = options;
  const started = now();
  const response = await transport.request(url, { signal, timeoutMs: options.timeoutMs ?? 120_000 });
  const bytes = await readBody(response, signal, onProgress);
  const downloadMs = now() - started;
  const contentType = response.contentType;
  // The Blob is made before decoding, which may hand the bytes over to a worker.
  const original = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeOf(contentType) || 'application/octet-stream' });
  const byteLength = bytes.length;

  if (isVotableBytes(bytes)) {
    // Kept in case the document cannot be decoded and is shown as text instead.
    const head = bytes.slice(0, PREVIEW_BYTES + 4);
    const decodeStarted = now();
    onProgress?.({ phase: 'decode', bytes: 0, totalBytes: byteLength, rows: 0 });
    try {
      const votable = await decode(bytes, {
        signal,
        onProgress: (p) => onProgress?.({ phase: 'decode', bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows }),
      });
      return { kind: 'votable', votable, original, contentType, byteLength, downloadMs, decodeMs: now() - decodeStarted };
    } catch (error) {
      if (!(error instanceof VotableError) || error.code === 'aborted') throw error;
      const preview = previewOf(head);
      return {
        kind: 'preview',
        original,
        contentType,
        byteLength,
        downloadMs,
        text: preview.text,
        truncated: byteLength > PREVIEW_BYTES,
        decodeError: error.message,
      };
    }
  }
  const preview = previewOf(bytes);
  return { kind: 'preview', original, contentType, byteLength, downloadMs, ...preview, decodeError: null };
}
