/**
 * Results up to this size load when the job opens; beyond it the page shows
 * the size and a Load button. 50 MB unless the user chose otherwise (kept in
 * this browser).
 */
import { useSyncExternalStore } from 'react';
import { local, readJson, writeJson } from '../../lib/storage';

export const DEFAULT_AUTO_LOAD_BYTES = 50_000_000;
const KEY = 'uws-desk:results:auto-load-bytes';

/** The choices offered, in bytes. */
export const AUTO_LOAD_CHOICES = [10, 50, 200, 1000].map((mb) => mb * 1_000_000);

const listeners = new Set<() => void>();

export function autoLoadLimit(): number {
  const stored = readJson<unknown>(local(), KEY, null);
  return typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 ? stored : DEFAULT_AUTO_LOAD_BYTES;
}

export function setAutoLoadLimit(bytes: number): void {
  writeJson(local(), KEY, bytes);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

export function useAutoLoadLimit(): number {
  return useSyncExternalStore(subscribe, autoLoadLimit, () => DEFAULT_AUTO_LOAD_BYTES);
}
