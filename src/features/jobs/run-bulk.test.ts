import { describe, expect, it } from 'vitest';
import { runBulk, type Outcome } from './run-bulk';

describe('running a change on several jobs', () => {
  it('reports each job’s outcome and tries each job exactly once', async () => {
    const calls: string[] = [];
    const outcomes = new Map<string, Outcome<string>>();
    await runBulk(
      [
        { key: 'a', item: 'a' },
        { key: 'b', item: 'b' },
        { key: 'c', item: 'c', skip: 'already finished' },
      ],
      async (id) => {
        calls.push(id);
        if (id === 'b') throw new Error('boom');
        return `ok ${id}`;
      },
      (k, o) => outcomes.set(k, o),
    );
    expect(calls.sort()).toEqual(['a', 'b']);
    expect(outcomes.get('a')).toEqual({ status: 'done', value: 'ok a' });
    expect(outcomes.get('b')?.status).toBe('failed');
    expect(outcomes.get('c')).toEqual({ status: 'skipped', reason: 'already finished' });
  });

  it('stopping sends no further jobs', async () => {
    let stop = false;
    const calls: number[] = [];
    const outcomes = new Map<string, Outcome<void>>();
    await runBulk(
      [1, 2, 3, 4].map((n) => ({ key: String(n), item: n })),
      async (n) => {
        calls.push(n);
        stop = true;
      },
      (k, o) => outcomes.set(k, o),
      { concurrency: 1, shouldStop: () => stop },
    );
    expect(calls).toEqual([1]);
    expect(outcomes.get('4')?.status).toBe('skipped');
  });
});
