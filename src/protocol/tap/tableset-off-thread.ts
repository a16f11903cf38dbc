/**
 * parseTableset in a worker for large documents, so that the page stays
 * responsive; small documents, and places without Worker (Node, tests), are
 * read in the calling thread with the same result.
 */
import { AbortedError, ProtocolError, ServiceReportedError } from '../http/errors';
import type { Transport } from '../http/transport';
import { findVoTableError } from '../http/votable-error';
import { parseTableset, type TapSchema } from './tables';

export interface TablesetRequest {
  xml: string;
  url: string;
  complete: boolean;
}

export type TablesetResponse = { ok: true; schemas: TapSchema[] } | { ok: false; protocol: boolean; message: string };

/** Documents up to this size are parsed at once (a few tens of milliseconds at most). */
export const OFF_THREAD_FROM = 512 * 1024;

export function parseTablesetOffThread(xml: string, url: string, complete: boolean, signal?: AbortSignal): Promise<TapSchema[]> {
  if (typeof Worker === 'undefined' || xml.length < OFF_THREAD_FROM) return Promise.resolve().then(() => parseTableset(xml, url, complete));
  return new Promise<TapSchema[]>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./tableset-worker.ts', import.meta.url), { type: 'module', name: 'uws-desk tableset' });
    } catch {
      resolve(parseTableset(xml, url, complete));
      return;
    }
    const done = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(new AbortedError('Reading the tables was cancelled.', { url }));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<TablesetResponse>) => {
      done();
      const answer = e.data;
      if (answer.ok) resolve(answer.schemas);
      else reject(answer.protocol ? new ProtocolError(answer.message, { url, received: xml }) : new Error(answer.message));
    };
    worker.onerror = () => {
      // The worker could not start (or died): read it here after all.
      done();
      try {
        resolve(parseTableset(xml, url, complete));
      } catch (error) {
        reject(error);
      }
    };
    const request: TablesetRequest = { xml, url, complete };
    worker.postMessage(request);
  });
}

/**
 * getTableset, with a large document read off the main thread. (Kept apart from tables.ts so that
 * the pages that only need the small readers do not carry this one.)
 */
export async function getTablesetOffThread(tapUrl: string, transport: Transport, opts: { signal?: AbortSignal; min?: boolean } = {}): Promise<TapSchema[]> {
  const requested = `${tapUrl.replace(/\/+$/, '')}/tables${opts.min ? '?detail=min' : ''}`;
  const response = await transport.request(requested, { signal: opts.signal });
  const body = await response.text();
  const url = response.url || requested;
  const serviceMessage = findVoTableError(body);
  if (serviceMessage !== null) throw new ServiceReportedError(serviceMessage, { url, status: response.status });
  try {
    return await parseTablesetOffThread(body, url, !opts.min, opts.signal);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    throw new ProtocolError(`${error.message} (HTTP ${response.status}, ${response.contentType ?? 'no content type'})`, {
      url,
      status: response.status,
      contentType: response.contentType,
      received: body,
      cause: error,
    });
  }
}
