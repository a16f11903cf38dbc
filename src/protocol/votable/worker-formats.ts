/**
 * The decoders of result formats, behind one interface: bytes are pushed as
 * they arrive; a decoder that can tell rows before the end hands out the
 * first rows once; `end` gives the whole result.
 *
 * VOTable: decoded when all bytes are there (decodeVotableDataAsync), with
 * STREAM hrefs fetched through the caller's transport. A streaming VOTable
 * decoder slots in here, in `votableDecoder`, and nowhere else.
 * CSV and TSV: parsed with papaparse; the first rows come from the text
 * received so far. Anything else: its first bytes as text for a preview.
 */
import { decodeFitsResult } from '../fits/decode-fits';
import { decodeVotableDataAsync, type DecodeProgress } from './parse-votable';
import { VotableError, type VoTableData } from './types';
import { decodeDelimited, decodeDelimitedHead, type DelimitedFormat } from './worker-delimited';
import type { ResultFormat, ResultPayload } from './worker-protocol';

/** How much of a result that is not a table is shown as text. */
export const PREVIEW_BYTES = 200_000;

export interface ResultDecoder {
  push(chunk: Uint8Array): void;
  /** The first rows received, when this decoder can tell them before the end and has enough; else null. */
  takeFirstRows(): VoTableData | null;
  /** Rows decoded so far. */
  rows(): number;
  /** The whole result, from all chunks (`length` bytes in total). */
  end(chunks: Uint8Array[], length: number, onProgress: (p: DecodeProgress) => void): Promise<ResultPayload>;
}

export interface DecoderOptions {
  firstRows: number;
  signal: AbortSignal;
  /** Fetches the content of a STREAM href. */
  streams?: (href: string) => Promise<Uint8Array>;
}

const FITS_TYPES = new Set(['application/fits', 'image/fits', 'application/x-fits-bintable', 'application/x-fits']);

/** The format of a result: the content decides for VOTable (error documents come as VOTable whatever was asked) and FITS, else the MIME type. */
export function formatOf(isVotable: boolean, mime: string, isFits = false): ResultFormat {
  if (isVotable) return 'votable';
  if (isFits || FITS_TYPES.has(mime)) return 'fits';
  if (mime === 'text/csv' || mime === 'application/csv' || mime === 'text/comma-separated-values') return 'csv';
  if (mime === 'text/tab-separated-values' || mime === 'text/tsv') return 'tsv';
  return 'other';
}

/** Binary content: NUL bytes near the start, as text formats never have them. */
export function looksBinary(head: Uint8Array): boolean {
  const end = Math.min(head.length, 8192);
  for (let i = 0; i < end; i++) if (head[i] === 0) return true;
  return false;
}

/** The first PREVIEW_BYTES as text, or null text for binary content. */
export function previewOf(bytes: Uint8Array, byteLength = bytes.length): { text: string | null; truncated: boolean } {
  if (looksBinary(bytes)) return { text: null, truncated: byteLength > 0 };
  const truncated = byteLength > PREVIEW_BYTES;
  // A character cut in half at the limit is dropped rather than shown as U+FFFD.
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, PREVIEW_BYTES), { stream: truncated });
  return { text, truncated };
}

function joined(chunks: Uint8Array[], length: number): Uint8Array {
  // (A chunk from another realm, as under jsdom, is copied into this one.)
  if (chunks.length === 1 && chunks[0] instanceof Uint8Array) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function headOf(chunks: Uint8Array[], limit: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const chunk of chunks) {
    if (length >= limit) break;
    const part = chunk.subarray(0, limit - length);
    parts.push(part);
    length += part.length;
  }
  return joined(parts, length);
}

function votableDecoder(options: DecoderOptions): ResultDecoder {
  let rows = 0;
  return {
    push: () => undefined,
    takeFirstRows: () => null,
    rows: () => rows,
    async end(chunks, length, onProgress) {
      const bytes = joined(chunks, length);
      // Kept in case the document cannot be decoded and is shown as text instead.
      const head = headOf(chunks, PREVIEW_BYTES + 4);
      try {
        const data = await decodeVotableDataAsync(bytes, {
          signal: options.signal,
          onProgress: (p) => {
            rows = p.rows;
            onProgress(p);
          },
          ...(options.streams ? { fetchStream: options.streams } : {}),
        });
        return { kind: 'table', format: 'votable', data };
      } catch (error) {
        if (!(error instanceof VotableError) || error.code === 'aborted' || error.code === 'stream-fetch') throw error;
        return { kind: 'preview', ...previewOf(head, length), decodeError: error.message };
      }
    },
  };
}

/** Text received so far is parsed for first rows at most this often (in bytes). */
const FIRST_ROWS_STEP = 32_768;

function delimitedDecoder(format: DelimitedFormat, options: DecoderOptions): ResultDecoder {
  const text = new TextDecoder('utf-8');
  let received = '';
  let lastTry = 0;
  let rows = 0;
  let done = false;
  return {
    push(chunk) {
      if (!done) received += text.decode(chunk, { stream: true });
    },
    takeFirstRows() {
      if (done || options.firstRows <= 0 || received.length - lastTry < FIRST_ROWS_STEP) return null;
      lastTry = received.length;
      const head = decodeDelimitedHead(received, format, options.firstRows);
      const count = head?.resources[0]?.tables[0]?.rowCount ?? 0;
      if (!head || count < Math.min(options.firstRows, 100)) return null;
      rows = count;
      // Enough to show: the rest is parsed at the end, from the chunks.
      done = true;
      received = '';
      return head;
    },
    rows: () => rows,
    async end(chunks, length, onProgress) {
      await Promise.resolve();
      options.signal.throwIfAborted();
      const data = decodeDelimited(new TextDecoder('utf-8').decode(joined(chunks, length)), format);
      rows = data.resources[0]?.tables[0]?.rowCount ?? 0;
      onProgress({ bytes: length, totalBytes: length, rows });
      return { kind: 'table', format, data };
    },
  };
}

/** FITS: the first BINTABLE, decoded when all bytes are there. */
function fitsDecoder(options: DecoderOptions): ResultDecoder {
  let rows = 0;
  return {
    push: () => undefined,
    takeFirstRows: () => null,
    rows: () => rows,
    async end(chunks, length, onProgress) {
      const bytes = joined(chunks, length);
      try {
        const data = await decodeFitsResult(bytes, { signal: options.signal, onProgress: (p) => onProgress({ ...p, rows: (rows = p.rows) }) });
        return { kind: 'table', format: 'fits', data };
      } catch (error) {
        if (!(error instanceof VotableError) || error.code === 'aborted') throw error;
        return { kind: 'preview', ...previewOf(headOf(chunks, PREVIEW_BYTES + 4), length), decodeError: error.message };
      }
    },
  };
}

function previewDecoder(): ResultDecoder {
  return {
    push: () => undefined,
    takeFirstRows: () => null,
    rows: () => 0,
    end: (chunks, length) => Promise.resolve({ kind: 'preview', ...previewOf(headOf(chunks, PREVIEW_BYTES + 4), length), decodeError: null }),
  };
}

export function createResultDecoder(format: ResultFormat, options: DecoderOptions): ResultDecoder {
  switch (format) {
    case 'votable':
      return votableDecoder(options);
    case 'csv':
    case 'tsv':
      return delimitedDecoder(format, options);
    case 'fits':
      return fitsDecoder(options);
    default:
      return previewDecoder();
  }
}
