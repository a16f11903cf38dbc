/**
 * One job per submission, even when answers are lost.
 *
 * Every job the app creates carries a RUNID unique to that submission (the
 * user's own RUNID, if any, stays in front of it). When the creating POST
 * failed before any answer arrived, nobody knows whether the service made the
 * job; the job list, searched for that RUNID, tells. When the POST's redirect
 * reached a job URL, the job exists, whatever the GET of that URL answered.
 */
import { AbortedError, NetworkError, ServiceError, TimeoutError, isPermanent } from '../http/errors';
import type { UwsClient } from '../uws/client';
import type { UwsJob } from '../uws/types';

const TAG_PREFIX = 'uws-desk:';
const TAGGED = /^(?:(.*) \()?uws-desk:([0-9a-z]+)\)?$/s;

/** A new random submission tag: 10 base-36 characters. */
export function newSubmissionTag(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}

/** The RUNID sent: `uws-desk:<tag>`, or `<user's run id> (uws-desk:<tag>)`. */
export function taggedRunId(userRunId: string | undefined, tag: string): string {
  const own = userRunId?.trim();
  return own ? `${own} (${TAG_PREFIX}${tag})` : `${TAG_PREFIX}${tag}`;
}

/** The user's own part of a RUNID the app set (null when there is none); other run ids as they are. */
export function userRunId(runId: string | null): string | null {
  if (runId === null) return null;
  const match = TAGGED.exec(runId);
  if (!match) return runId;
  return match[1] ?? null;
}

/**
 * Nobody knows whether the creating POST reached the service: it failed
 * before any answer. `lookup` says what the job list showed afterwards.
 */
export class UncertainCreationError extends ServiceError {
  override name = 'UncertainCreationError';
  /** absent: the list was read and holds no job of this submission; unknown: it could not tell. */
  readonly lookup: 'absent' | 'unknown';
  readonly runId: string;

  constructor(message: string, options: { url?: string; cause: unknown; lookup: 'absent' | 'unknown'; runId: string }) {
    super(message, options);
    this.lookup = options.lookup;
    this.runId = options.runId;
  }
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/** Delays before the second and third try of a safe read. */
export const READ_RETRY_DELAYS_MS = [300, 1000];

/** A read (never a change) tried again, up to three times in all, while its failure is transient. */
export async function readPatiently<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const delay = READ_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || error instanceof AbortedError || isPermanent(error)) throw error;
      await pause(delay, signal);
    }
  }
}

const canonical = (url: string) => url.replace(/[?#].*$/s, '').replace(/\/+$/, '');

/**
 * The job URL a failed creating request had already reached through its
 * redirect, or null: an HTTP failure whose URL is not the job list's means
 * the POST was answered with a redirect to the job, and only reading the job failed.
 */
export function createdJobUrl(error: unknown, listUrl: string): string | null {
  if (!(error instanceof ServiceError) || error instanceof NetworkError || error instanceof TimeoutError || error instanceof AbortedError) return null;
  if (!error.url || !/^https?:\/\//i.test(error.url)) return null;
  return canonical(error.url) === canonical(listUrl) ? null : canonical(error.url);
}

/** True when no answer to the creating POST arrived, so it may or may not have reached the service. */
export function creationUncertain(error: unknown): boolean {
  return error instanceof NetworkError || error instanceof TimeoutError;
}

/**
 * The job of this submission in the service's job list: the job itself,
 * 'absent' when the list was read and holds none, 'unknown' when the list
 * could not be read or carries no run ids to compare.
 */
export async function findSubmittedJob(client: UwsClient, runId: string, signal?: AbortSignal): Promise<UwsJob | 'absent' | 'unknown'> {
  let refs;
  try {
    refs = await readPatiently(() => client.listJobs({ signal }), signal);
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    return 'unknown';
  }
  const mine = refs.find((ref) => ref.runId === runId);
  if (mine) {
    try {
      return await readPatiently(() => client.getJob(mine.href, { signal }), signal);
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      return 'unknown';
    }
  }
  // A service that lists no run ids cannot show whether the job is there.
  return refs.length > 0 && refs.every((ref) => ref.runId === null) ? 'unknown' : 'absent';
}
