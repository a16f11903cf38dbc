/** UWS 1.1 jobs: the phase machine, queueing, limits and destruction (their documents are in uws-xml.ts). */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EnginePool, RunHandle } from './engine/pool.ts';
import type { UploadTable } from './engine/protocol.ts';
import { heldBytes, planRoom, type QuotaSettings } from './job-quota.ts';
import { prepareQuery, type Limits } from './query.ts';

export type Phase =
  | 'PENDING'
  | 'QUEUED'
  | 'EXECUTING'
  | 'COMPLETED'
  | 'ERROR'
  | 'ABORTED'
  | 'UNKNOWN'
  | 'HELD'
  | 'SUSPENDED'
  | 'ARCHIVED';

export const PHASES: Phase[] = ['PENDING', 'QUEUED', 'EXECUTING', 'COMPLETED', 'ERROR', 'ABORTED', 'UNKNOWN', 'HELD', 'SUSPENDED', 'ARCHIVED'];
export const ACTIVE_PHASES: Phase[] = ['PENDING', 'QUEUED', 'EXECUTING'];

export interface JobResult {
  id: string;
  path: string;
  mime: string;
  rows: number;
  overflow: boolean;
  bytes: number;
}

export interface Job {
  id: string;
  runId?: string;
  ownerId?: string;
  phase: Phase;
  quote?: Date;
  creationTime: Date;
  startTime?: Date;
  endTime?: Date;
  /** Seconds; 0 means unlimited. */
  executionDuration: number;
  destruction: Date;
  /** TAP parameters, names lower-cased, in submission order. */
  parameters: Map<string, string>;
  uploads: UploadTable[];
  /** Memory its parameters and uploads hold (see heldBytes). */
  heldBytes: number;
  result?: JobResult;
  error?: { type: 'fatal' | 'transient'; message: string };
  handle?: RunHandle;
  timer?: NodeJS.Timeout;
  waiters: Set<() => void>;
}

export interface JobSettings extends Limits, QuotaSettings {
  maxRunning: number;
  executionDurationDefault: number;
  executionDurationMax: number;
  destructionDefaultSeconds: number;
  destructionMaxSeconds: number;
  resultDir: string;
}

export class JobStore {
  readonly jobs = new Map<string, Job>();
  private queue: Job[] = [];
  private running = new Set<Job>();
  private sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: Pick<EnginePool, 'run'>,
    readonly settings: JobSettings,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 1000);
    this.sweeper.unref();
  }

  /** Jobs whose query a thread is running now. */
  get executingCount(): number {
    return [...this.running].filter((j) => j.phase === 'EXECUTING').length;
  }

  /**
   * Creates a PENDING job; the caller has validated the UWS parameters. When
   * the owner's share is full, their own oldest finished jobs make room;
   * throws the HTTP error to answer when that is not enough.
   */
  create(init: {
    ownerId?: string;
    runId?: string;
    parameters: Map<string, string>;
    uploads: UploadTable[];
    executionDuration?: number;
    destruction?: Date;
  }): Job {
    const bytes = heldBytes(init.parameters, init.uploads);
    this.makeRoom(init.ownerId, { addJobs: 1, addBytes: bytes });
    const now = new Date();
    const job: Job = {
      id: randomBytes(8).toString('hex'),
      runId: init.runId,
      ownerId: init.ownerId,
      phase: 'PENDING',
      creationTime: now,
      executionDuration: this.clampDuration(init.executionDuration ?? this.settings.executionDurationDefault),
      destruction: this.clampDestruction(init.destruction ?? new Date(now.getTime() + this.settings.destructionDefaultSeconds * 1000)),
      parameters: init.parameters,
      uploads: init.uploads,
      heldBytes: bytes,
      waiters: new Set(),
    };
    job.quote = this.estimate();
    this.jobs.set(job.id, job);
    return job;
  }

  private makeRoom(ownerId: string | undefined, need: { addJobs: number; addBytes: number; except?: Job }): void {
    const plan = planRoom(this.jobs.values(), ownerId, need, this.settings);
    if (plan.refusal) throw plan.refusal;
    for (const j of plan.evict) this.destroy(j);
  }

  /** New parameters and uploads for a PENDING job, if they fit its owner's share. */
  replaceParameters(job: Job, parameters: Map<string, string>, uploads: UploadTable[]): void {
    const bytes = heldBytes(parameters, uploads);
    if (bytes > job.heldBytes) this.makeRoom(job.ownerId, { addJobs: 0, addBytes: bytes - job.heldBytes, except: job });
    job.parameters = parameters;
    job.uploads = uploads;
    job.heldBytes = bytes;
  }

  /** Uploaded rows are dropped once a job has run; its parameters stay. */
  private dropUploads(job: Job): void {
    job.uploads = [];
    job.heldBytes = heldBytes(job.parameters, []);
  }

  private estimate(): Date {
    const ahead = this.queue.length + this.running.size;
    return new Date(Date.now() + (ahead + 1) * 5_000);
  }

  clampDuration(seconds: number): number {
    const max = this.settings.executionDurationMax;
    return seconds === 0 || seconds > max ? max : seconds;
  }

  clampDestruction(d: Date): Date {
    const max = Date.now() + this.settings.destructionMaxSeconds * 1000;
    return d.getTime() > max ? new Date(max) : d;
  }

  private setPhase(job: Job, phase: Phase): void {
    job.phase = phase;
    for (const w of job.waiters) w();
    job.waiters.clear();
  }

  /** Resolves when the job leaves its current phase or after `ms`. */
  waitForChange(job: Job, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        job.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      job.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }

  run(job: Job): void {
    if (job.phase !== 'PENDING' && job.phase !== 'HELD') return;
    job.quote = this.estimate();
    this.setPhase(job, 'QUEUED');
    this.queue.push(job);
    this.schedule();
  }

  abort(job: Job): void {
    if (!ACTIVE_PHASES.includes(job.phase) && job.phase !== 'HELD' && job.phase !== 'SUSPENDED') return;
    this.stop(job, 'ABORTED');
  }

  private stop(job: Job, phase: Phase, message?: string): void {
    const qi = this.queue.indexOf(job);
    if (qi >= 0) this.queue.splice(qi, 1);
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    const handle = job.handle;
    job.handle = undefined;
    this.running.delete(job);
    handle?.cancel(message ?? 'aborted');
    this.dropUploads(job);
    if (message) job.error = { type: 'fatal', message };
    job.endTime = new Date();
    this.setPhase(job, phase);
    this.schedule();
  }

  private schedule(): void {
    while (this.running.size < this.settings.maxRunning && this.queue.length) {
      const job = this.queue.shift()!;
      this.start(job);
    }
  }

  /**
   * Hands the job to the engine. It stays QUEUED until a thread really starts
   * its query; only then is it EXECUTING and does its execution duration run.
   */
  private start(job: Job): void {
    this.running.add(job);
    let prepared;
    try {
      prepared = prepareQuery(job.parameters, job.uploads, this.settings);
    } catch (e) {
      this.finish(job, { error: e instanceof Error ? e.message : String(e) });
      return;
    }
    const { mime } = prepared;
    const path = join(this.settings.resultDir, `${job.id}.result`);
    const handle: RunHandle = this.pool.run({ ...prepared, outPath: path }, { onStart: () => this.started(job, handle, path) });
    job.handle = handle;
    void handle.result.then((outcome) => {
      if (job.handle !== handle) {
        rmSync(path, { force: true });
        return;
      }
      if (outcome.ok) {
        this.finish(job, {
          result: { id: 'result', path, mime, rows: outcome.rowCount, overflow: outcome.overflow, bytes: outcome.bytes },
        });
      } else {
        rmSync(path, { force: true });
        this.finish(job, { error: `Query failed: ${outcome.message}` });
      }
    });
  }

  private started(job: Job, handle: RunHandle, path: string): void {
    if (job.handle !== handle || job.phase !== 'QUEUED') return;
    job.startTime = new Date();
    this.setPhase(job, 'EXECUTING');
    if (job.executionDuration > 0) {
      job.timer = setTimeout(() => {
        this.stop(
          job,
          'ERROR',
          `Query ran out of time: it was still running after the execution duration of ${job.executionDuration} s`,
        );
        rmSync(path, { force: true });
      }, job.executionDuration * 1000);
    }
  }

  private finish(job: Job, outcome: { result?: JobResult; error?: string }): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    job.handle = undefined;
    this.dropUploads(job);
    this.running.delete(job);
    job.endTime = new Date();
    if (outcome.result) job.result = outcome.result;
    if (outcome.error) job.error = { type: 'fatal', message: outcome.error };
    this.setPhase(job, outcome.error ? 'ERROR' : 'COMPLETED');
    this.schedule();
  }

  /** Removes a job and its result, stopping it first if it is active. */
  destroy(job: Job): void {
    if (ACTIVE_PHASES.includes(job.phase)) this.stop(job, 'ABORTED');
    if (job.result) rmSync(job.result.path, { force: true });
    job.result = undefined;
    this.jobs.delete(job.id);
    for (const w of job.waiters) w();
    job.waiters.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const job of [...this.jobs.values()]) if (job.destruction.getTime() <= now) this.destroy(job);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const job of [...this.jobs.values()]) this.destroy(job);
  }
}
