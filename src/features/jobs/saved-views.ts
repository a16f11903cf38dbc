/** Named sets of job list filters, remembered in this browser. */
import { useSyncExternalStore } from 'react';
import { local, readJsonList, writeJson } from '../../lib/storage';

const KEY = 'uws-desk:job-views';

export interface SavedView {
  name: string;
  /** The /jobs search string the view restores, without the service. */
  search: string;
}

function isView(v: unknown): v is SavedView {
  return !!v && typeof v === 'object' && typeof (v as SavedView).name === 'string' && typeof (v as SavedView).search === 'string';
}

const listeners = new Set<() => void>();
let cache: SavedView[] | null = null;

function read(): SavedView[] {
  cache ??= readJsonList(local(), KEY, isView);
  return cache;
}

function write(views: SavedView[]): void {
  cache = views;
  writeJson(local(), KEY, views);
  for (const l of listeners) l();
}

export function saveView(view: SavedView): void {
  write([...read().filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name)));
}

export function deleteView(name: string): void {
  write(read().filter((v) => v.name !== name));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    cache = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSavedViews(): SavedView[] {
  return useSyncExternalStore(subscribe, read, read);
}

/** The search string of a view: the filters without the service and without the view's own name. */
export function viewSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('service');
  params.delete('view');
  return params.toString();
}
