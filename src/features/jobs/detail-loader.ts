/**
 * Loads the documents of the jobs in view, a few at a time per service.
 *
 * The list says which jobs are in view (in the order they should load); the
 * loader starts at most `concurrency` requests per service, starts the next
 * one as each ends, and cancels the requests of jobs that left the view. Jobs
 * whose document is already held (`needed` says no) are never asked for.
 * Nothing here knows about React or the query cache: `load` does the work.
 */

export interface WantedDetail {
  /** Unique over all services. */
  key: string;
  /** Requests are limited per group: one group per service. */
  group: string;
}

export interface DetailLoaderOptions {
  /** Most requests in flight per group. */
  concurrency: number;
  /** Whether the job's document still has to be read. */
  needed: (key: string) => boolean;
  /** Read one job's document. Aborting the signal must end the request. */
  load: (key: string, signal: AbortSignal) => Promise<void>;
}

export class DetailLoader {
  private wanted: WantedDetail[] = [];
  private readonly inFlight = new Map<string, { group: string; controller: AbortController }>();
  /** Jobs whose request failed: not asked for again until they come back into view. */
  private readonly failed = new Set<string>();
  /** Requests started since the loader was made. */
  requests = 0;

  constructor(private readonly options: DetailLoaderOptions) {}

  /** The jobs now in view, most wanted first. */
  want(items: readonly WantedDetail[]): void {
    const keys = new Set(items.map((i) => i.key));
    for (const [key, { controller }] of this.inFlight) {
      if (!keys.has(key)) {
        controller.abort();
        this.inFlight.delete(key);
      }
    }
    for (const key of this.failed) if (!keys.has(key)) this.failed.delete(key);
    this.wanted = [...items];
    this.pump();
  }

  /** Keys with a request in flight. */
  get loading(): ReadonlySet<string> {
    return new Set(this.inFlight.keys());
  }

  /** Cancel everything; a later `want` starts afresh. */
  stop(): void {
    for (const { controller } of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.wanted = [];
  }

  private pump(): void {
    const busy = new Map<string, number>();
    for (const { group } of this.inFlight.values()) busy.set(group, (busy.get(group) ?? 0) + 1);
    const groups = new Set(this.wanted.map((w) => w.group));
    let free = 0;
    for (const g of groups) if ((busy.get(g) ?? 0) < this.options.concurrency) free++;
    const rest: WantedDetail[] = [];
    let i = 0;
    for (; i < this.wanted.length && free > 0; i++) {
      const item = this.wanted[i]!;
      const n = busy.get(item.group) ?? 0;
      if (n >= this.options.concurrency) {
        rest.push(item);
        continue;
      }
      // Started, held or failed: nothing more to do for this one until the next `want`.
      if (this.inFlight.has(item.key) || this.failed.has(item.key) || !this.options.needed(item.key)) continue;
      busy.set(item.group, n + 1);
      if (n + 1 >= this.options.concurrency) free--;
      this.start(item);
    }
    this.wanted = rest.concat(this.wanted.slice(i));
  }

  private start(item: WantedDetail): void {
    const controller = new AbortController();
    this.inFlight.set(item.key, { group: item.group, controller });
    this.requests += 1;
    this.options.load(item.key, controller.signal).then(
      () => this.finish(item.key, controller, false),
      () => this.finish(item.key, controller, true),
    );
  }

  private finish(key: string, controller: AbortController, failed: boolean): void {
    if (this.inFlight.get(key)?.controller !== controller) return;
    this.inFlight.delete(key);
    if (failed && !controller.signal.aborted) this.failed.add(key);
    this.pump();
  }
}
