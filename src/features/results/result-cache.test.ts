import { QueryClient, QueryObserver, queryOptions } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { hydrate } from '../../protocol/votable/table-access';
import { decodeDelimited } from '../../protocol/votable/worker-delimited';
import type { ResultData } from './fetch-result';
import { boundResultCache, resultBytes } from './result-cache';

/** A decoded result of `rows` doubles: 8 bytes a row. */
function result(rows: number): ResultData {
  const text = 'x\n' + Array.from({ length: rows }, (_, i) => `${i}.5`).join('\n') + '\n';
  return { kind: 'table', format: 'csv', votable: hydrate(decodeDelimited(text, 'csv')), original: new Blob([]), contentType: 'text/csv', byteLength: 0, downloadMs: 0, decodeMs: 0 };
}

const key = (name: string) => ['results', 'http://tap.example/tap', name];

describe('the results cache', () => {
  it('counts the decoded column bytes of a result', () => {
    expect(resultBytes(result(1000))).toBe(8000);
  });

  it('keeps results within its byte budget, least recently shown out first, never one on screen', () => {
    const client = new QueryClient();
    boundResultCache(client, 25_000);
    const shown = new QueryObserver(client, { queryKey: key('a'), queryFn: () => result(1000), staleTime: Infinity });
    const unsubscribe = shown.subscribe(() => {});
    client.setQueryData(key('a'), result(1000));
    client.setQueryData(key('b'), result(1000));
    client.setQueryData(key('c'), result(1000));
    expect(client.getQueryData(key('b'))).toBeDefined();

    // 'd' brings the total to 32 000 bytes: 'b', the oldest not on screen, goes; 'a' is on screen and stays.
    client.setQueryData(key('d'), result(1000));
    expect(client.getQueryData(key('a'))).toBeDefined();
    expect(client.getQueryData(key('b'))).toBeUndefined();
    expect(client.getQueryData(key('c'))).toBeDefined();
    expect(client.getQueryData(key('d'))).toBeDefined();

    // Once 'a' leaves the screen it is the least recently shown... after 'c'.
    unsubscribe();
    client.setQueryData(key('e'), result(1000));
    expect(client.getQueryData(key('c'))).toBeUndefined();
    expect(client.getQueryData(key('a'))).toBeDefined();
    expect(client.getQueryCache().getAll().filter((q) => q.state.data !== undefined)).toHaveLength(3);
  });

  it('leaves other queries alone', () => {
    const client = new QueryClient();
    boundResultCache(client, 1);
    const other = queryOptions({ queryKey: ['jobs', 'x'] as const, queryFn: () => ({ big: 'x'.repeat(1000) }) }).queryKey;
    client.setQueryData(other, { big: 'x'.repeat(1000) });
    client.setQueryData(key('a'), result(10));
    expect(client.getQueryData(other)).toBeDefined();
  });
});
