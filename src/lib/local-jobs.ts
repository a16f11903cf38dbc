/**
 * Jobs created from this browser, remembered with their service so that they
 * can be found again after a reload, in another tab, or when the server's
 * list does not show them (e.g. anonymous jobs on services that list only the
 * owner's). A job the server no longer knows is marked gone, not dropped.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { local, readJsonList, writeJson } from './storage';

export interface LocalJob {
  /** Normalized TAP URL of the service the job was created on. */
  serviceUrl: string;
  jobUrl: string;
  jobId: string;
  /** ISO 8601 */
  creationTime: string;
  query?: string;
  runId?: string;
  /** ISO 8601 time at which the server was first seen not to know the job any more. */
  goneAt?: string;
}

export interface LocalJobInput {
  serviceUrl: string;
  jobUrl: string;
  jobId: string;
  creationTime?: Date | string | null;
  query?: string | null;
  runId?: string | null;
}

const KEY = 'uws-desk:local-jobs:v1';
const CHANNEL = 'uws-desk:local-jobs';
/** Beyond this many, the oldest entries are forgotten. */
const MAX_ENTRIES = 5000;

let cache: LocalJob[] | null = null;
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;
let listening = false;

function isLocalJob(v: unknown): v is LocalJob {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.serviceUrl === 'string' && typeof o.jobUrl === 'string' && typeof o.jobId === 'string' && typeof o.creationTime === 'string';
}

function load(): LocalJob[] {
  return readJsonList(local(), KEY, isLocalJob);
}

function getSnapshot(): LocalJob[] {
  cache ??= load();
  return cache;
}

function notify(): void {
  for (const l of listeners) l();
}

function reloadFromStorage(): void {
  cache = load();
  notify();
}

function ensureListening(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) reloadFromStorage();
  });
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => reloadFromStorage();
  }
}

function subscribe(listener: () => void): () => void {
  ensureListening();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function save(next: LocalJob[]): void {
  cache = next;
  writeJson(local(), KEY, next);
  notify();
  channel?.postMessage('changed');
}

function update(fn: (jobs: LocalJob[]) => LocalJob[]): void {
  // Re-read first so that a write from another tab since our last read is not lost.
  save(fn(load()));
}

function iso(d: Date | string | null | undefined): string {
  if (d instanceof Date && !Number.isNaN(d.getTime())) return d.toISOString();
  if (typeof d === 'string' && !Number.isNaN(new Date(d).getTime())) return new Date(d).toISOString();
  return new Date().toISOString();
}

/** Remember (or refresh) a job created from this browser. */
export function rememberJob(entry: LocalJobInput): void {
  update((jobs) => {
    const existing = jobs.find((j) => j.jobUrl === entry.jobUrl);
    const next: LocalJob = {
      serviceUrl: entry.serviceUrl,
      jobUrl: entry.jobUrl,
      jobId: entry.jobId,
      creationTime: existing && !entry.creationTime ? existing.creationTime : iso(entry.creationTime),
    };
    const query = entry.query ?? existing?.query;
    const runId = entry.runId ?? existing?.runId;
    if (query) next.query = query;
    if (runId) next.runId = runId;
    const rest = jobs.filter((j) => j.jobUrl !== entry.jobUrl);
    const all = [...rest, next];
    if (all.length > MAX_ENTRIES) {
      all.sort((a, b) => a.creationTime.localeCompare(b.creationTime));
      all.splice(0, all.length - MAX_ENTRIES);
    }
    return all;
  });
}

/** The server answered that it does not know this job (any more). */
export function markJobGone(jobUrl: string, when: Date = new Date()): void {
  const current = getSnapshot().find((j) => j.jobUrl === jobUrl);
  if (!current || current.goneAt) return;
  update((jobs) => jobs.map((j) => (j.jobUrl === jobUrl && !j.goneAt ? { ...j, goneAt: when.toISOString() } : j)));
}

/** Stop remembering a job (e.g. after the user deleted it, or dismissed a gone one). */
export function forgetJob(jobUrl: string): void {
  if (!getSnapshot().some((j) => j.jobUrl === jobUrl)) return;
  update((jobs) => jobs.filter((j) => j.jobUrl !== jobUrl));
}

/** Forget several jobs in one write. */
export function forgetJobs(jobUrls: Iterable<string>): void {
  const drop = new Set(jobUrls);
  if (!getSnapshot().some((j) => drop.has(j.jobUrl))) return;
  update((jobs) => jobs.filter((j) => !drop.has(j.jobUrl)));
}

export function getLocalJobs(): readonly LocalJob[] {
  return getSnapshot();
}

/** Jobs created from this browser, newest first; only those of one service when given. */
export function useLocalJobs(serviceUrl?: string): LocalJob[] {
  const all = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return useMemo(
    () =>
      all
        .filter((j) => serviceUrl === undefined || j.serviceUrl === serviceUrl)
        .sort((a, b) => b.creationTime.localeCompare(a.creationTime)),
    [all, serviceUrl],
  );
}
