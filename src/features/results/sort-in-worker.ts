/**
 * Sorting a table's rows by one column in a worker (sort-worker.ts): the page
 * sends a copy of that one column (its stored form: typed arrays, string
 * bytes) and gets the permutation back, transferred. Where Worker is
 * unavailable (tests) it sorts in the calling thread, with the same result.
 */
import type { VoColumnData, VoField, VoTableTable } from '../../protocol/votable/types';
import { sortPermutation, type SortDirection, type SortState } from './sort-rows';

export interface SortColumnRequest {
  field: VoField;
  column: VoColumnData;
  rowCount: number;
  direction: SortDirection;
}

/** The rows of `table` in the order of `sort`; aborting the signal stops the worker. */
export function sortInWorker(table: VoTableTable, sort: SortState, signal: AbortSignal): Promise<Uint32Array> {
  const field = table.fields[sort.column];
  const column = table.columns[sort.column];
  if (typeof Worker === 'undefined' || !field || !column) return Promise.resolve().then(() => sortPermutation(table, sort));
  return new Promise<Uint32Array>((resolve, reject) => {
    const worker = new Worker(new URL('./sort-worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(new DOMException('The sort was cancelled.', 'AbortError'));
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (e: MessageEvent<Uint32Array>) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e: ErrorEvent) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error(`The sorting worker failed: ${e.message}`));
    };
    const request: SortColumnRequest = { field, column, rowCount: table.rowCount, direction: sort.direction };
    worker.postMessage(request);
  });
}
