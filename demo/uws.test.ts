import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DEFAULTS } from './config.ts';
import type { RunHandle, RunHooks, RunOutcome } from './engine/pool.ts';
import { JobStore } from './uws.ts';

/** An engine whose threads start queries only when the test says so. */
function fakeEngine() {
  const runs: { hooks: RunHooks; finish: (o: RunOutcome) => void; cancelled?: string }[] = [];
  return {
    runs,
    run(_input: unknown, hooks: RunHooks = {}): RunHandle {
      let finish!: (o: RunOutcome) => void;
      const result = new Promise<RunOutcome>((r) => (finish = r));
      const entry: (typeof runs)[number] = { hooks, finish };
      runs.push(entry);
      return {
        result,
        released: result.then(() => undefined),
        cancel: (reason) => {
          entry.cancelled = reason;
          finish({ ok: false, message: reason, cancelled: true });
        },
      };
    },
  };
}

let dir: string;
let store: JobStore | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'uws-test-'));
  vi.useFakeTimers();
});
afterEach(() => {
  store?.close();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const query = () => new Map([['lang', 'ADQL'], ['query', 'SELECT TOP 1 id FROM demo.stars']]);

test('a job waiting for an engine thread stays QUEUED and its execution duration does not run', async () => {
  const engine = fakeEngine();
  store = new JobStore(engine, { ...DEFAULTS, resultDir: dir, ownerCount: 1 });
  const job = store.create({ parameters: query(), uploads: [], executionDuration: 4 })!;
  store.run(job);
  expect(engine.runs).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(job.phase).toBe('QUEUED');
  expect(job.startTime).toBeUndefined();
  expect(store.executingCount).toBe(0);

  engine.runs[0]!.hooks.onStart!();
  expect(job.phase).toBe('EXECUTING');
  expect(job.startTime).toEqual(new Date(Date.now()));
  await vi.advanceTimersByTimeAsync(3_000);
  expect(job.phase).toBe('EXECUTING');
  await vi.advanceTimersByTimeAsync(1_500);
  expect(job.phase).toBe('ERROR');
  expect(job.error?.message).toMatch(/execution duration of 4 s/);
});

test('aborting a job that waits for a thread takes it out of the engine queue', async () => {
  const engine = fakeEngine();
  store = new JobStore(engine, { ...DEFAULTS, resultDir: dir, ownerCount: 1 });
  const job = store.create({ parameters: query(), uploads: [] })!;
  store.run(job);
  store.abort(job);
  expect(job.phase).toBe('ABORTED');
  expect(engine.runs[0]!.cancelled).toBe('aborted');
  engine.runs[0]!.hooks.onStart?.();
  expect(job.phase).toBe('ABORTED');
});
