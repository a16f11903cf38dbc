/**
 * Admission for sync queries: at most `max` run at once (each on its own
 * engine thread, never on the async jobs' threads), at most `queueMax` wait
 * for a turn, and beyond that the request is refused with 503 and Retry-After.
 */
import { HttpError } from './http-util.ts';

export const SYNC_RETRY_AFTER_SECONDS = 5;

export class SyncGate {
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly queueMax: number,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /**
   * Waits for a turn and returns the function that ends it. A request whose
   * client leaves while it waits (`signal`) gives up its place.
   */
  async enter(signal: AbortSignal): Promise<() => void> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.queueMax) {
        throw new HttpError(
          503,
          `The service is busy: ${this.running} synchronous queries are running and ${this.waiting.length} are waiting; retry later or use /async`,
          { 'Retry-After': String(SYNC_RETRY_AFTER_SECONDS) },
        );
      }
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const i = this.waiting.indexOf(turn);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Error('the client went away'));
        };
        if (signal.aborted) return leave();
        this.waiting.push(turn);
        signal.addEventListener('abort', leave, { once: true });
      });
    } else this.running++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      // The turn passes straight to the next request, so running stays the same.
      if (next) next();
      else this.running--;
    };
  }
}
