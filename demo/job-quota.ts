/**
 * Room for jobs and their parameters. In token mode each owner gets an equal
 * share of the store (jobs and parameter bytes), and making room evicts only
 * that owner's own oldest finished jobs: no owner can crowd out another.
 */
import type { UploadTable } from './engine/protocol.ts';
import { HttpError } from './http-util.ts';
import type { Job, Phase } from './uws.ts';

export interface QuotaSettings {
  /** Jobs kept in all. */
  maxJobs: number;
  /** Jobs one owner may keep; by default an equal share of maxJobs among the owners. */
  maxJobsPerOwner?: number;
  /** Bytes of parameters and uploads held by all jobs. */
  maxParamBytes: number;
  /** Owners that can create jobs: the tokens' owners, or 1 without tokens. */
  ownerCount: number;
}

const FINAL: Phase[] = ['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED'];
const RETRY_AFTER = { 'Retry-After': '10' };

/** Memory a job's parameters and (until it runs) its uploaded rows hold, roughly, in bytes. */
export function heldBytes(parameters: ReadonlyMap<string, string>, uploads: readonly UploadTable[]): number {
  let n = 0;
  for (const [k, v] of parameters) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  for (const u of uploads) {
    for (const row of u.rows) for (const cell of row) n += typeof cell === 'string' ? Buffer.byteLength(cell) + 8 : 8;
  }
  return n;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export function ownerJobQuota(s: QuotaSettings): number {
  return s.maxJobsPerOwner ?? Math.max(1, Math.floor(s.maxJobs / Math.max(1, s.ownerCount)));
}

export function ownerByteQuota(s: QuotaSettings): number {
  return Math.floor(s.maxParamBytes / Math.max(1, s.ownerCount));
}

/**
 * Which of the owner's finished jobs to delete so that `addJobs` more jobs
 * holding `addBytes` more bytes fit, or the error to answer when they cannot.
 * `except` is a job being changed, which is never evicted.
 */
export function planRoom(
  jobs: Iterable<Job>,
  ownerId: string | undefined,
  need: { addJobs: number; addBytes: number; except?: Job },
  s: QuotaSettings,
): { evict: Job[]; refusal?: HttpError } {
  const perOwner = s.ownerCount > 1 || s.maxJobsPerOwner !== undefined;
  const jobQuota = ownerJobQuota(s);
  const byteQuota = ownerByteQuota(s);
  if (need.addBytes > byteQuota) {
    return {
      evict: [],
      refusal: new HttpError(413, `The job's parameters and uploads hold ${mib(need.addBytes)}; this service keeps at most ${mib(byteQuota)}${s.ownerCount > 1 ? ' per user' : ''}`),
    };
  }
  let total = 0;
  let totalBytes = 0;
  let mine = 0;
  let myBytes = 0;
  const finished: Job[] = [];
  for (const j of jobs) {
    total++;
    totalBytes += j.heldBytes;
    if (j.ownerId !== ownerId) continue;
    mine++;
    myBytes += j.heldBytes;
    if (FINAL.includes(j.phase) && j !== need.except) finished.push(j);
  }
  finished.sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime());
  const evict: Job[] = [];
  const tight = () =>
    mine + need.addJobs > jobQuota ||
    total + need.addJobs > s.maxJobs ||
    myBytes + need.addBytes > byteQuota ||
    totalBytes + need.addBytes > s.maxParamBytes;
  while (tight() && finished.length) {
    const j = finished.shift()!;
    evict.push(j);
    total--;
    mine--;
    totalBytes -= j.heldBytes;
    myBytes -= j.heldBytes;
  }
  const own = perOwner ? 429 : 503;
  if (mine + need.addJobs > jobQuota) {
    const message = perOwner
      ? `Too many active jobs: you have ${mine}, the most kept per user is ${jobQuota}; delete some or wait until they finish`
      : `Too many active jobs: the service holds ${mine}, the most it keeps is ${jobQuota}; delete some or wait until they finish`;
    return { evict, refusal: new HttpError(own, message, RETRY_AFTER) };
  }
  if (myBytes + need.addBytes > byteQuota) {
    const message = `The parameters and uploads of ${perOwner ? 'your' : 'all'} jobs hold ${mib(myBytes)}, the most kept${perOwner ? ' per user' : ''} is ${mib(byteQuota)}; delete some jobs or wait until they finish`;
    return { evict, refusal: new HttpError(own, message, RETRY_AFTER) };
  }
  if (total + need.addJobs > s.maxJobs || totalBytes + need.addBytes > s.maxParamBytes) {
    return { evict, refusal: new HttpError(503, 'The service holds as many jobs as it can; retry later', RETRY_AFTER) };
  }
  return { evict };
}
