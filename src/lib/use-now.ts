import { useSyncExternalStore } from 'react';

/**
 * The current time in ms, for components that show a relative time or a
 * countdown. Every component asking for the same interval shares one clock,
 * which runs only while someone listens.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
  subscribe: (listener: () => void) => () => void;
  get: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const clock: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: null,
    subscribe(listener) {
      clock.listeners.add(listener);
      if (!clock.timer) {
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          for (const l of clock.listeners) l();
        }, intervalMs);
      }
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size === 0 && clock.timer) {
          clearInterval(clock.timer);
          clock.timer = null;
        }
      };
    },
    get: () => clock.now,
  };
  clocks.set(intervalMs, clock);
  return clock;
}

/** Now, in ms, updated every `intervalMs` (15 s unless a view needs a finer tick, as a running job's). */
export function useNow(intervalMs = 15_000): number {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.get, clock.get);
}
