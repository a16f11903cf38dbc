/**
 * Trying again by itself when a service does not answer: the delays, and
 * a hook that counts down to the next try for a screen to show.
 */
import { useEffect, useRef, useState } from 'react';
import { isPermanent } from '../protocol/http/errors';

/** First delay after a failure, and the cap. */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

/** Delay before the next try after `failures` failed rounds in a row (1, 2, …). */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 16)));
}

/** The part of a TanStack query the retry schedule reads. */
export interface QueryLike {
  state: { status: 'pending' | 'error' | 'success'; error: unknown; errorUpdateCount: number };
}

const rounds = new WeakMap<QueryLike, { failures: number; seenErrors: number }>();

/** Failed fetch rounds in a row for a query (0 after a success). */
export function failedRounds(query: QueryLike): number {
  const { status, errorUpdateCount } = query.state;
  let r = rounds.get(query);
  if (!r) {
    r = { failures: status === 'error' ? 1 : 0, seenErrors: errorUpdateCount };
    rounds.set(query, r);
  }
  // A new fetch of a query without data puts it back to 'pending': only a success ends a run of failures.
  if (status === 'success') r.failures = 0;
  else if (errorUpdateCount !== r.seenErrors) r.failures += 1;
  r.seenErrors = errorUpdateCount;
  return r.failures;
}

/**
 * For a `refetchInterval`: while the last fetch failed in a way a retry can
 * fix, the delay before trying again (growing with each failed round);
 * false after a permanent failure; undefined when the query is not failing.
 */
export function retryWhileFailing(query: QueryLike): number | false | undefined {
  const failures = failedRounds(query);
  if (query.state.status !== 'error') return undefined;
  return isPermanent(query.state.error) ? false : retryDelayMs(failures);
}

export interface AutoRetryState {
  /** Whole seconds until the next try, or null when none is planned. */
  secondsLeft: number | null;
  /** Try at once. */
  retryNow: () => void;
}

export interface AutoRetryInput {
  /** The last try failed in a way a retry may fix. */
  failing: boolean;
  /** When the last try failed (e.g. a query's errorUpdatedAt). */
  failedAt: number;
  /** A try is under way. */
  busy: boolean;
  retry: () => void;
}

/**
 * Count down to the next try while failing, then call `retry`. Each round
 * that fails again waits longer (2 s doubling to 30 s); a success resets it.
 */
export function useAutoRetry({ failing, failedAt, busy, retry }: AutoRetryInput): AutoRetryState {
  const [track, setTrack] = useState({ failedAt: 0, failures: 0 });
  if (failing && failedAt !== track.failedAt) setTrack({ failedAt, failures: track.failures + 1 });
  if (!failing && !busy && track.failures !== 0) setTrack({ failedAt: 0, failures: 0 });
  const failures = failing && failedAt !== track.failedAt ? track.failures + 1 : track.failures;
  const dueAt = failing ? failedAt + retryDelayMs(failures) : null;

  const [now, setNow] = useState(() => Date.now());
  const retryRef = useRef(retry);
  const firedFor = useRef<number | null>(null);
  useEffect(() => {
    retryRef.current = retry;
  }, [retry]);

  useEffect(() => {
    if (dueAt === null || busy) return;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= dueAt && firedFor.current !== dueAt) {
        firedFor.current = dueAt;
        retryRef.current();
      }
    };
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [dueAt, busy]);

  return {
    // Until the first tick after a new failure, `now` is older than the failure: never show more than the delay.
    secondsLeft: dueAt === null || busy ? null : Math.max(0, Math.min(Math.ceil((dueAt - now) / 1000), retryDelayMs(failures) / 1000)),
    retryNow: () => {
      firedFor.current = dueAt;
      retryRef.current();
    },
  };
}
