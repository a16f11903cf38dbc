/**
 * Web Worker entry: sorts one column's rows (sort-rows.ts) off the page's
 * thread, so that sorting a million rows never blocks the page. It gets a
 * copy of the column in its stored form and sends back the permutation.
 */
import { hydrateTable } from '../../protocol/votable/table-access';
import { sortPermutation } from './sort-rows';
import type { SortColumnRequest } from './sort-in-worker';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<SortColumnRequest>) => void) | null;
  postMessage(message: Uint32Array, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const { field, column, rowCount, direction } = e.data;
  const table = hydrateTable({ fields: [field], columns: [column], rowCount, params: [], groups: [], infos: [], links: [], serialization: null });
  const order = sortPermutation(table, { column: 0, direction });
  scope.postMessage(order, [order.buffer]);
};
