/** Recent queries, newest first, kept in localStorage across sessions and services. */
import { useSyncExternalStore } from 'react';
import { local, readJsonList, writeJson } from '../../lib/storage';

export interface HistoryEntry {
  query: string;
  tapUrl: string;
  /** ISO 8601 time it was last submitted. */
  at: string;
}

const KEY = 'uws-desk:query-history:v1';
export const HISTORY_LIMIT = 30;
const listeners = new Set<() => void>();
let cache: HistoryEntry[] | null = null;

function isEntry(v: unknown): v is HistoryEntry {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.query === 'string' && typeof o.tapUrl === 'string' && typeof o.at === 'string';
}

function load(): HistoryEntry[] {
  return readJsonList(local(), KEY, isEntry);
}

function snapshot(): HistoryEntry[] {
  cache ??= load();
  return cache;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Put a query at the top of the history (once: an earlier identical entry moves up). */
export function addToHistory(query: string, tapUrl: string, when: Date = new Date()): void {
  const text = query.trim();
  if (!text) return;
  const next = [{ query: text, tapUrl, at: when.toISOString() }, ...load().filter((e) => e.query !== text)].slice(0, HISTORY_LIMIT);
  cache = next;
  writeJson(local(), KEY, next);
  for (const l of listeners) l();
}

export function useQueryHistory(): HistoryEntry[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** One line for a history menu: the query squeezed onto a line, cut at `max` characters. */
export function historyLabel(entry: HistoryEntry, max = 90): string {
  const flat = entry.query.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
