/**
 * Decoded results stay in the query cache while the user moves around the
 * app, so that going back to a job shows its table at once. The cache is
 * bounded by bytes: when the results held exceed the budget, those least
 * recently shown go first, never one that is on screen.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import type { VoColumnData, VoTableData } from '../../protocol/votable/types';
import type { ResultData } from './fetch-result';

/** What the decoded results may hold in memory together. */
export const RESULT_CACHE_BYTES = 512 * 1024 * 1024;

function columnBytes(column: VoColumnData): number {
  let bytes = column.nulls?.byteLength ?? 0;
  if (column.kind === 'string-bytes') return bytes + column.bytes.byteLength + column.offsets.byteLength;
  if (column.kind === 'array') bytes += column.offsets.byteLength;
  // Strings held as JavaScript strings: about two bytes a character and a pointer each.
  if (Array.isArray(column.values)) return bytes + column.values.reduce((sum: number, v) => sum + 16 + (typeof v === 'string' ? v.length * 2 : 0), 0);
  return bytes + (column.values as Uint8Array).byteLength;
}

/** The memory a cached result holds: its decoded columns, or its preview text. */
export function resultBytes(data: ResultData): number {
  if (data.kind === 'preview') return (data.text?.length ?? 0) * 2;
  let total = 0;
  const visit = (resources: VoTableData['resources']) => {
    for (const resource of resources) {
      for (const table of resource.tables) for (const column of table.columns) total += columnBytes(column);
      visit(resource.resources);
    }
  };
  visit(data.votable.resources);
  return total;
}

const isResultQuery = (query: Query) => query.queryKey[0] === 'results';

/** The LRU bookkeeping of one query client's results. */
class ResultCache {
  private readonly lastUsed = new Map<string, number>();
  private clock = 0;

  constructor(
    private readonly client: QueryClient,
    private readonly budget: number,
  ) {}

  touch(query: Query): void {
    this.lastUsed.set(query.queryHash, ++this.clock);
  }

  forget(query: Query): void {
    this.lastUsed.delete(query.queryHash);
  }

  enforce(): void {
    const held = this.client
      .getQueryCache()
      .getAll()
      .filter((query) => isResultQuery(query) && query.state.data !== undefined)
      .map((query) => ({ query, bytes: resultBytes(query.state.data as ResultData), used: this.lastUsed.get(query.queryHash) ?? 0 }));
    let total = held.reduce((sum, entry) => sum + entry.bytes, 0);
    if (total <= this.budget) return;
    held.sort((a, b) => a.used - b.used);
    for (const entry of held) {
      if (total <= this.budget) break;
      if (entry.query.getObserversCount() > 0) continue;
      this.client.removeQueries({ queryKey: entry.query.queryKey, exact: true });
      total -= entry.bytes;
    }
  }
}

const installed = new WeakMap<QueryClient, ResultCache>();

/** Keep the results of this query client within `budget` bytes, least recently shown out first. Once per client. */
export function boundResultCache(client: QueryClient, budget = RESULT_CACHE_BYTES): void {
  if (installed.has(client)) return;
  const cache = new ResultCache(client, budget);
  installed.set(client, cache);
  client.getQueryCache().subscribe((event) => {
    if (!isResultQuery(event.query)) return;
    switch (event.type) {
      case 'observerAdded':
      case 'observerRemoved':
        cache.touch(event.query);
        if (event.type === 'observerRemoved') cache.enforce();
        break;
      case 'updated':
        if (event.action.type === 'success') {
          cache.touch(event.query);
          cache.enforce();
        }
        break;
      case 'removed':
        cache.forget(event.query);
        break;
      default:
        break;
    }
  });
}
