import { describe, expect, it } from 'vitest';
import { DetailLoader, type WantedDetail } from './detail-loader';

/** A loader whose requests stay open until the test ends them. */
function harness(concurrency = 4) {
  const held = new Set<string>();
  const open = new Map<string, { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal }>();
  const loader = new DetailLoader({
    concurrency,
    needed: (key) => !held.has(key),
    load: (key, signal) =>
      new Promise<void>((resolve, reject) => {
        open.set(key, {
          resolve: () => {
            held.add(key);
            open.delete(key);
            resolve();
          },
          reject,
          signal,
        });
        signal.addEventListener('abort', () => {
          open.delete(key);
          reject(new Error('aborted'));
        });
      }),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { loader, open, held, flush };
}

const rows = (group: string, from: number, to: number): WantedDetail[] =>
  Array.from({ length: to - from }, (_, i) => ({ key: `${group}${from + i}`, group }));

describe('loading the documents of the jobs in view', () => {
  it('asks for at most four jobs at a time per service, the next as each one ends', async () => {
    const { loader, open, flush } = harness();
    loader.want([...rows('a', 0, 10), ...rows('b', 0, 10)]);
    expect([...open.keys()].sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3']);
    open.get('a1')!.resolve();
    await flush();
    expect([...open.keys()].filter((k) => k.startsWith('a')).sort()).toEqual(['a0', 'a2', 'a3', 'a4']);
  });

  it('cancels the requests of jobs scrolled out of view and starts those now in view', async () => {
    const { loader, open } = harness();
    loader.want(rows('a', 0, 10));
    const first = open.get('a0')!.signal;
    loader.want(rows('a', 50, 60));
    expect(first.aborted).toBe(true);
    expect([...open.keys()].sort()).toEqual(['a50', 'a51', 'a52', 'a53']);
  });

  it('never asks again for a job whose document is held', async () => {
    const { loader, open, flush } = harness();
    loader.want(rows('a', 0, 2));
    open.get('a0')!.resolve();
    open.get('a1')!.resolve();
    await flush();
    loader.want(rows('a', 0, 2));
    expect(open.size).toBe(0);
    expect(loader.requests).toBe(2);
  });

  it('does not ask again for a failed job while it stays in view', async () => {
    const { loader, open, flush } = harness();
    loader.want(rows('a', 0, 1));
    open.get('a0')!.reject(new Error('503'));
    await flush();
    loader.want(rows('a', 0, 1));
    expect(loader.requests).toBe(1);
    loader.want([]);
    loader.want(rows('a', 0, 1));
    expect(loader.requests).toBe(2);
  });

  it('scrolling once through 10 000 jobs asks for each job at most once', async () => {
    const { loader, open, flush } = harness();
    const all = rows('a', 0, 10_000);
    // 30 rows in view, moving 10 rows per frame; each frame the open requests answer.
    for (let top = 0; top < all.length; top += 10) {
      loader.want(all.slice(top, top + 30));
      for (const o of [...open.values()]) o.resolve();
      await flush();
    }
    expect(loader.requests).toBeLessThanOrEqual(10_000);
    expect(loader.requests).toBeGreaterThan(0);
  });
});
