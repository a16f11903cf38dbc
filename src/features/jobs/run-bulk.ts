/**
 * Run one request per job, a few at a time, reporting each outcome as it
 * comes. Nothing is retried: a failed change is reported, never repeated.
 * Stopping lets the requests in flight finish and starts no new ones. A step
 * that finds, once it knows the job, that it should leave it throws SkipJob.
 */
import { SkipJob } from './bulk-plan';

export type Outcome<T> = { status: 'pending' } | { status: 'running' } | { status: 'done'; value: T } | { status: 'failed'; error: unknown } | { status: 'skipped'; reason: string };

export interface BulkItem<I> {
  key: string;
  item: I;
  /** When set, the job is not sent and this reason is reported. */
  skip?: string;
}

export async function runBulk<I, T>(
  items: BulkItem<I>[],
  run: (item: I) => Promise<T>,
  onOutcome: (key: string, outcome: Outcome<T>) => void,
  options: { concurrency?: number; shouldStop?: () => boolean } = {},
): Promise<void> {
  const { concurrency = 3, shouldStop = () => false } = options;
  const queue = [...items];
  for (const it of items) if (it.skip) onOutcome(it.key, { status: 'skipped', reason: it.skip });
  const work = async () => {
    for (;;) {
      const next = queue.shift();
      if (!next) return;
      if (next.skip) continue;
      if (shouldStop()) {
        onOutcome(next.key, { status: 'skipped', reason: 'Stopped before this job was sent.' });
        continue;
      }
      onOutcome(next.key, { status: 'running' });
      try {
        const value = await run(next.item);
        onOutcome(next.key, { status: 'done', value });
      } catch (error) {
        if (error instanceof SkipJob) onOutcome(next.key, { status: 'skipped', reason: error.message });
        else onOutcome(next.key, { status: 'failed', error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, work));
}
