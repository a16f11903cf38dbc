/**
 * Loading one result in the worker: the request through the protocol's
 * transport (the service's credential within its scope, a timeout, typed
 * errors), the bytes read as they arrive with progress, decoded by the
 * format's decoder (see result-decoder in worker-formats.ts), and the
 * original kept as a Blob made here, never copied into the page.
 */
import { looksLikeFits } from '../fits/fits-table';
import { createTransport, type Transport } from '../http/transport';
import { looksLikeVoTable } from '../http/votable-error';
import { createResultDecoder, formatOf, type ResultDecoder } from './worker-formats';
import { ResultTooLargeError } from './worker-errors';
import type { RowBatch } from './worker-batches';
import type { LoadedResult, LoadProgress, LoadRequest } from './worker-protocol';

export interface LoadSink {
  progress(progress: LoadProgress): void;
  /** Rows of the first table before the whole result has arrived (formats that can do so), in order, each batch its own buffers. */
  rows(batch: RowBatch): void;
}

/** How many bytes are looked at to tell the format. */
const SNIFF_BYTES = 4096;
/** The least time between two progress reports. */
const PROGRESS_INTERVAL_MS = 100;
/**
 * The least time between two row batches after the first: 250 ms, longer as
 * the rows shown grow (1 ms per 1000 rows), since the page's work for each
 * (the grid laying out its rows anew) grows with them.
 */
export function rowsInterval(rowsShown: number): number {
  return Math.max(250, rowsShown / 1000);
}

const now = () => performance.now();

/** The MIME type part of a Content-Type, lower case. */
export function mimeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function join(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export async function loadResult(
  request: LoadRequest,
  sink: LoadSink,
  signal: AbortSignal,
  options: { fetch?: typeof fetch; transport?: Transport } = {},
): Promise<LoadedResult> {
  const transport =
    options.transport ??
    createTransport({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      credential: request.credential,
      serviceUrl: request.serviceUrl,
      timeoutMs: request.timeoutMs,
    });
  const started = now();
  const response = await transport.request(request.url, { signal, timeoutMs: request.timeoutMs });
  const contentType = response.contentType;
  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : null;

  const limit = request.maxBytes;
  if (limit !== null && totalBytes !== null && totalBytes > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw new ResultTooLargeError({ size: totalBytes, atLeast: totalBytes, limit });
  }

  const chunks: Uint8Array[] = [];
  let received = 0;
  let firstByteAt: number | null = null;
  // performance.now() counts from the worker's start: the first report must not wait for 100 ms of it.
  let lastReport = -Infinity;
  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  const state: { decoder: ResultDecoder | null; rowsSentAt: number | null; rowsSent: number; rowsTimer: ReturnType<typeof setTimeout> | null; ended: boolean } = {
    decoder: null,
    rowsSentAt: null,
    rowsSent: 0,
    rowsTimer: null,
    ended: false,
  };
  /**
   * Posts the rows decoded so far: the first at once, then at most every
   * rowsInterval() (rows held back go out when the interval is over, even
   * if no byte arrives meanwhile), none once all bytes are in: the whole table follows.
   */
  const sendRows = (): void => {
    const decoder = state.decoder;
    if (!decoder || state.ended || signal.aborted) return;
    const t = now();
    const wait = state.rowsSentAt === null ? 0 : state.rowsSentAt + rowsInterval(state.rowsSent) - t;
    if (wait > 0) {
      state.rowsTimer ??= setTimeout(() => {
        state.rowsTimer = null;
        sendRows();
      }, wait);
      return;
    }
    const batch = decoder.takeRows();
    if (!batch) return;
    state.rowsSentAt = t;
    state.rowsSent = batch.firstRow + batch.rowCount;
    sink.rows(batch);
  };
  /** All bytes are in, or the load failed: no more rows or download progress. */
  const stopReports = (): void => {
    state.ended = true;
    if (state.rowsTimer !== null) clearTimeout(state.rowsTimer);
    state.rowsTimer = null;
    if (reportTimer !== null) clearTimeout(reportTimer);
    reportTimer = null;
  };
  /**
   * Reports the bytes and rows so far, at most every PROGRESS_INTERVAL_MS; a
   * report held back goes out when the interval is over, so that a download
   * that stalls still shows what has arrived.
   */
  const report = (force: boolean) => {
    const t = now();
    const wait = force ? 0 : lastReport + PROGRESS_INTERVAL_MS - t;
    if (wait > 0) {
      reportTimer ??= setTimeout(() => {
        reportTimer = null;
        if (!state.ended) report(false);
      }, wait);
      return;
    }
    lastReport = t;
    sink.progress({ phase: 'download', bytes: received, totalBytes, rows: state.decoder?.rows() ?? 0 });
  };
  /** Hand what has arrived to the decoder once the format is known (or the body has ended). */
  const feed = (done: boolean): ResultDecoder | null => {
    let decoder = state.decoder;
    if (!decoder) {
      if (received < SNIFF_BYTES && !done) return null;
      const head = join(chunks, received).subarray(0, SNIFF_BYTES);
      const isVotable = looksLikeVoTable(new TextDecoder('utf-8').decode(head));
      const format = formatOf(isVotable, mimeOf(contentType), looksLikeFits(head));
      decoder = createResultDecoder(request.decode ? format : 'other', { firstRows: request.firstRows, signal, streams: fetchStream });
      state.decoder = decoder;
      for (const chunk of chunks) decoder.push(chunk);
    }
    if (done) stopReports();
    else sendRows();
    return decoder;
  };
  /** STREAM hrefs inside a VOTable: through the same transport, so with the same scope, timeout and errors. */
  const fetchStream = async (href: string): Promise<Uint8Array> => {
    const answer = await transport.request(new URL(href, response.url || request.url).toString(), { signal, timeoutMs: request.timeoutMs });
    return answer.bytes();
  };

  if (response.body) {
    const reader = response.body.getReader();
    const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        signal.throwIfAborted();
        if (done) break;
        firstByteAt ??= now();
        chunks.push(value);
        received += value.length;
        if (limit !== null && received > limit) throw new ResultTooLargeError({ size: totalBytes, atLeast: received, limit });
        // A decoder made by feed() gets every chunk so far; after that, each as it arrives.
        if (state.decoder) state.decoder.push(value);
        feed(false);
        report(false);
      }
    } catch (error) {
      stopReports();
      void reader.cancel().catch(() => undefined);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  } else {
    const bytes = await response.bytes();
    firstByteAt = now();
    chunks.push(bytes);
    received = bytes.length;
  }
  const decoder = feed(true)!;
  report(true);
  const finished = now();
  const original = new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: mimeOf(contentType) || 'application/octet-stream' });
  const decodeStarted = now();
  const payload = await decoder.end(chunks, received, (p) => sink.progress({ phase: 'decode', bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows }));
  return {
    payload,
    original,
    contentType,
    byteLength: received,
    downloadMs: finished - started,
    transferMs: finished - (firstByteAt ?? finished),
    decodeMs: now() - decodeStarted,
  };
}

export { join as joinChunks };
