/**
 * The decoders of result formats, behind one interface: bytes are pushed as
 * they arrive; the rows decoded so far are taken as batches (fresh columns,
 * see worker-batches.ts) whenever the loader posts them; `end` gives the
 * whole result.
 *
 * VOTable: the streaming decoder reads the chunks as they arrive; the rows of
 * the first table come out in batches while the rest downloads, and the
 * document it has built is the result at the end, with no second decode.
 * Where it cannot go on (another encoding, a STREAM href, FITS) or the
 * document is bad, the whole document is decoded at the end instead
 * (decodeVotableDataAsync, with STREAM hrefs fetched through the caller's
 * transport), which also says what is wrong.
 * CSV and TSV: parsed with papaparse; the first rows come from the text
 * received so far (the column types need all rows, so the rest comes at the
 * end). Anything else: its first bytes as text for a preview.
 */
import { decodeFitsResult } from '../fits/decode-fits';
import { decodeVotableDataAsync, type DecodeProgress } from './parse-votable';
import { createStreamingDecoder, type StreamingDecoder, type StreamTableEvent } from './streaming-decoder';
import { VotableError } from './types';
import { mergeBatches, type RowBatch } from './worker-batches';
import { decodeDelimited, decodeDelimitedHead, type DelimitedFormat } from './worker-delimited';
import type { ResultFormat, ResultPayload } from './worker-protocol';

/** How much of a result that is not a table is shown as text. */
export const PREVIEW_BYTES = 200_000;

export interface ResultDecoder {
  push(chunk: Uint8Array): void;
  /** The rows of the first table decoded since the last call, as one batch in fresh buffers; null when there are none. */
  takeRows(): RowBatch | null;
  /** Rows decoded so far. */
  rows(): number;
  /** The whole result, from all chunks (`length` bytes in total). */
  end(chunks: Uint8Array[], length: number, onProgress: (p: DecodeProgress) => void): Promise<ResultPayload>;
}

export interface DecoderOptions {
  /** 0: no rows before the end; else CSV/TSV give this many first rows, VOTable all rows as they decode. */
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
  // Dropped (null) when it meets something it leaves to the whole decode at the end.
  let stream: StreamingDecoder | null = createStreamingDecoder({ signal: options.signal });
  let header: StreamTableEvent | null = null;
  let pending: RowBatch[] = [];
  return {
    push(chunk) {
      if (!stream) return;
      try {
        for (const event of stream.push(chunk)) {
          if (event.table !== 0) continue;
          if (event.kind === 'table') header = event;
          else {
            rows = event.firstRow + event.rowCount;
            if (options.firstRows <= 0) continue;
            const batch: RowBatch = { firstRow: event.firstRow, rowCount: event.rowCount, columns: event.columns };
            if (event.firstRow === 0 && header) {
              batch.header = { fields: header.fields, serialization: header.serialization };
              if (header.name !== undefined) batch.header.name = header.name;
              if (header.id !== undefined) batch.header.id = header.id;
            }
            pending.push(batch);
          }
        }
      } catch (error) {
        if (error instanceof VotableError && error.code === 'aborted') throw error;
        // The decoding of the whole document at the end says what is wrong, with the same rules.
        stream = null;
        pending = [];
      }
    },
    takeRows() {
      if (pending.length === 0) return null;
      const batch = mergeBatches(pending);
      pending = [];
      return batch;
    },
    rows: () => rows,
    async end(chunks, length, onProgress) {
      pending = [];
      if (stream?.streaming) {
        try {
          const data = stream.endData();
          rows = data.resources[0]?.tables[0]?.rowCount ?? rows;
          onProgress({ bytes: length, totalBytes: length, rows });
          return { kind: 'table', format: 'votable', data };
        } catch (error) {
          if (error instanceof VotableError && error.code === 'aborted') throw error;
          // Decoded again below, which says what is wrong or shows the text.
        }
      }
      stream = null;
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
    takeRows() {
      if (done || options.firstRows <= 0 || received.length - lastTry < FIRST_ROWS_STEP) return null;
      lastTry = received.length;
      const table = decodeDelimitedHead(received, format, options.firstRows)?.resources[0]?.tables[0];
      if (!table || table.rowCount < Math.min(options.firstRows, 100)) return null;
      rows = table.rowCount;
      // Enough to show: the rest is parsed at the end, from the chunks.
      done = true;
      received = '';
      return { header: { fields: table.fields, serialization: null }, firstRow: 0, rowCount: table.rowCount, columns: table.columns };
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
    takeRows: () => null,
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
    takeRows: () => null,
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
