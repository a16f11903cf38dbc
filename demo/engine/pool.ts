/**
 * A small pool of query engine threads. A query that must stop (abort, time
 * limit, client gone) is stopped by terminating its thread; a fresh thread
 * then takes its place.
 */
import { Worker } from 'node:worker_threads';
import type { EngineConfig, RunRequest, WorkerMessage } from './protocol.ts';

export type RunInput = Omit<RunRequest, 'type' | 'id'>;
export type RunOutcome =
  | { ok: true; rowCount: number; overflow: boolean; bytes: number }
  | { ok: false; message: string; cancelled?: boolean };

export interface RunHandle {
  result: Promise<RunOutcome>;
  /**
   * Stops the query; the result resolves as cancelled at once. Without a
   * grace period its thread is terminated (and replaced) if it is running.
   * With one, the thread is asked to stop between batches of rows and is
   * terminated only if it is still busy after `graceMs` (and then at most one
   * thread per FORCED_STOP_SPACING_MS): a query that streams rows stops
   * cheaply, without a new thread.
   */
  cancel(reason: string, options?: { graceMs?: number }): void;
  /** Resolves once the query no longer occupies a thread (or never got one). */
  released: Promise<void>;
}

export interface RunHooks {
  /** Called when a thread starts the query (not while it waits for one). */
  onStart?: () => void;
}

interface Pending {
  id: number;
  input: RunInput;
  hooks: RunHooks;
  resolve: (o: RunOutcome) => void;
  release: () => void;
  slot?: Slot;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  idleSince: number;
  /** Holds the id of a query the thread should give up (checked between batches). */
  cancel: Int32Array;
}

const IDLE_MS = 60_000;
/**
 * Shortest time between two threads terminated because their query's client
 * went away: a stream of such clients must not become a stream of new threads.
 */
export const FORCED_STOP_SPACING_MS = 10_000;

const BOOT = new URL('./boot.mjs', import.meta.url);

export class EnginePool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Milliseconds each started thread needed to be ready, and whether the image came from the cache. */
  readonly startups: { ms: number; source: string }[] = [];
  /** Threads started since the pool was created. */
  spawnCount = 0;
  private lastForcedStop = 0;

  constructor(
    private readonly config: EngineConfig,
    private readonly size: number,
  ) {}

  /**
   * Starts one thread (which builds the database image if it is not cached
   * yet); more are started on demand, up to the pool size, and stopped again
   * after a minute without work.
   */
  async start(): Promise<void> {
    await this.spawn().readyPromise;
    this.reaper = setInterval(() => this.reapIdle(), 5_000);
    this.reaper.unref();
  }

  private reaper?: NodeJS.Timeout;

  private reapIdle(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      if (this.slots.length <= 1) return;
      if (slot.ready && !slot.current && now - slot.idleSince > IDLE_MS) {
        this.slots.splice(this.slots.indexOf(slot), 1);
        void slot.worker.terminate();
      }
    }
  }

  get readyCount(): number {
    return this.slots.filter((s) => s.ready).length;
  }

  get busyCount(): number {
    return this.slots.filter((s) => s.current).length;
  }

  private spawn(): { slot: Slot; readyPromise: Promise<void> } {
    const cancelBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(BOOT, { workerData: { ...this.config, cancelBuffer } });
    const slot: Slot = { worker, ready: false, idleSince: Date.now(), cancel: new Int32Array(cancelBuffer) };
    this.spawnCount++;
    this.slots.push(slot);
    let onReady!: () => void;
    let onFail!: (e: Error) => void;
    const readyPromise = new Promise<void>((res, rej) => {
      onReady = res;
      onFail = rej;
    });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.startups.push({ ms: m.ms, source: m.source });
        onReady();
        this.dispatch();
      } else if (m.type === 'fatal') {
        onFail(new Error(`query engine failed to start: ${m.message}`));
      } else if (slot.current && slot.current.id === m.id) {
        const p = slot.current;
        slot.current = undefined;
        slot.idleSince = Date.now();
        this.settle(p, m.type === 'done' ? { ok: true, rowCount: m.rowCount, overflow: m.overflow, bytes: m.bytes } : { ok: false, message: m.message });
        p.release();
        this.dispatch();
      }
    });
    worker.on('error', (e) => {
      onFail(e);
      this.replace(slot, `query engine error: ${e.message}`);
    });
    worker.on('exit', () => this.replace(slot, 'query engine stopped unexpectedly'));
    return { slot, readyPromise };
  }

  private replace(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.current) {
      this.settle(slot.current, { ok: false, message });
      slot.current.release();
    }
    slot.current = undefined;
    this.refill();
  }

  /** Keeps at least one thread warm and starts threads for waiting queries. */
  private refill(): void {
    if (this.closed) return;
    if (this.slots.length === 0) this.spawn().readyPromise.catch(() => undefined);
    this.dispatch();
  }

  private settle(p: Pending, o: RunOutcome): void {
    if (p.settled) return;
    p.settled = true;
    p.resolve(o);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.current) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.current = next;
      next.slot = slot;
      const req: RunRequest = { type: 'run', id: next.id, ...next.input };
      slot.worker.postMessage(req);
      // Later, so that the caller holds the handle by then even when a thread was free at once.
      queueMicrotask(() => {
        if (!next.settled) next.hooks.onStart?.();
      });
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    const wanted = Math.min(this.queue.length - starting, this.size - this.slots.length);
    for (let i = 0; i < wanted && !this.closed; i++) this.spawn().readyPromise.catch(() => undefined);
  }

  run(input: RunInput, hooks: RunHooks = {}): RunHandle {
    let resolve!: (o: RunOutcome) => void;
    const result = new Promise<RunOutcome>((r) => (resolve = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const p: Pending = { id: this.nextId++, input, hooks, resolve, release, settled: false };
    if (this.closed) {
      this.settle(p, { ok: false, message: 'the service is shutting down' });
      release();
    } else {
      this.queue.push(p);
      this.dispatch();
    }
    return {
      result,
      released,
      cancel: (reason: string, options: { graceMs?: number } = {}) => {
        if (p.settled) return;
        const qi = this.queue.indexOf(p);
        if (qi >= 0) {
          this.queue.splice(qi, 1);
          release();
        }
        this.settle(p, { ok: false, message: reason, cancelled: true });
        const slot = p.slot;
        if (!slot || slot.current !== p) return;
        const terminate = () => {
          if (slot.current !== p) return;
          this.replace(slot, reason);
          void slot.worker.terminate();
        };
        if (!options.graceMs) return terminate();
        Atomics.store(slot.cancel, 0, p.id);
        // A query stuck in one long statement: replace its thread, but no more often than FORCED_STOP_SPACING_MS.
        const terminateSpaced = () => {
          if (slot.current !== p) return;
          const wait = this.lastForcedStop + FORCED_STOP_SPACING_MS - Date.now();
          if (wait > 0) {
            setTimeout(terminateSpaced, wait).unref();
            return;
          }
          this.lastForcedStop = Date.now();
          terminate();
        };
        setTimeout(terminateSpaced, options.graceMs).unref();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearInterval(this.reaper);
    for (const p of this.queue) {
      this.settle(p, { ok: false, message: 'the service is shutting down', cancelled: true });
      p.release();
    }
    this.queue = [];
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
