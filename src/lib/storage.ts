/**
 * Small, failure-tolerant wrappers around Web Storage. Private browsing modes
 * and full quotas make storage throw; the app then keeps working in memory.
 */

export function readJson<T>(storage: Storage | undefined, key: string, fallback: T): T {
  if (!storage) return fallback;
  try {
    const raw = storage.getItem(key);
    if (raw === null) return fallback;
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** A stored JSON array, keeping only the items `isItem` accepts; [] when absent or unreadable. */
export function readJsonList<T>(storage: Storage | undefined, key: string, isItem: (value: unknown) => value is T): T[] {
  const raw = readJson<unknown>(storage, key, []);
  return Array.isArray(raw) ? raw.filter(isItem) : [];
}

export function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the value lives only in memory.
  }
}

export function local(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function session(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
