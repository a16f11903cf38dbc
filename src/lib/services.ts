/**
 * The TAP services the user works with: presets plus the ones they added,
 * with an optional credential each.
 *
 * Custom services and credential choices are kept in localStorage. A bearer
 * token is kept only in sessionStorage (gone when the tab closes) unless the
 * user asks to remember it. Tokens are never logged.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { Credential } from '../protocol/http/transport';
import { local, readJson, session, writeJson } from './storage';

export type { Credential };

export interface ServiceConfig {
  id: string;
  label: string;
  /** Normalized: http(s), no trailing slash, no trailing /async. */
  tapUrl: string;
  credential: Credential;
  preset: boolean;
}

export const DEMO_TAP_URL: string = import.meta.env.VITE_DEMO_TAP_URL ?? 'http://127.0.0.1:8421/tap';

const NO_CREDENTIAL: Credential = { kind: 'none' };

/** Turn what a user typed into the canonical TAP base URL, or throw an Error saying what is wrong. */
export function normalizeTapUrl(input: string): string {
  const trimmed = input.trim();
  if (!trimmed) throw new Error('Enter the URL of a TAP service, e.g. https://archive.eso.org/tap_obs');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`"${trimmed}" is not a URL. A TAP service URL starts with http:// or https://`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`A TAP service URL must start with http:// or https:// (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new Error('Do not put a user name or password in the URL; set a credential for the service instead.');
  }
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/async$/i, '');
  path = path.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

export const PRESET_SERVICES: readonly ServiceConfig[] = [
  { id: 'demo', label: 'uws-desk demo', tapUrl: normalizeTapUrl(DEMO_TAP_URL), credential: NO_CREDENTIAL, preset: true },
  { id: 'eso-tap-obs', label: 'ESO tap_obs', tapUrl: 'https://archive.eso.org/tap_obs', credential: NO_CREDENTIAL, preset: true },
  { id: 'eso-tap-cat', label: 'ESO tap_cat', tapUrl: 'https://archive.eso.org/tap_cat', credential: NO_CREDENTIAL, preset: true },
];

/** A short human label for a service URL that has none. */
export function labelForUrl(tapUrl: string): string {
  try {
    const url = new URL(tapUrl);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return tapUrl;
  }
}

// ---------------------------------------------------------------------------
// Persistence

const SERVICES_KEY = 'uws-desk:services:v1';
const SESSION_TOKENS_KEY = 'uws-desk:tokens:v1';
const LAST_SERVICE_KEY = 'uws-desk:last-service:v1';

interface StoredCredential {
  kind: Credential['kind'];
  /** Present only when the user asked to remember the token. */
  token?: string;
  remember?: boolean;
}

interface StoredCustom {
  id: string;
  label: string;
  tapUrl: string;
}

interface StoredState {
  custom: StoredCustom[];
  credentials: Record<string, StoredCredential>;
  /** Label overrides for presets. */
  labels?: Record<string, string>;
}

interface Snapshot {
  services: ServiceConfig[];
  remembered: Record<string, boolean>;
  lastServiceUrl: string | null;
}

function loadStored(): StoredState {
  const raw = readJson<Partial<StoredState> | null>(local(), SERVICES_KEY, null);
  const custom = Array.isArray(raw?.custom)
    ? raw.custom.filter(
        (c): c is StoredCustom =>
          !!c && typeof c.id === 'string' && typeof c.tapUrl === 'string' && typeof c.label === 'string',
      )
    : [];
  const credentials = raw?.credentials && typeof raw.credentials === 'object' ? raw.credentials : {};
  const labels = raw?.labels && typeof raw.labels === 'object' ? raw.labels : {};
  return { custom, credentials, labels };
}

function loadSessionTokens(): Record<string, string> {
  const raw = readJson<Record<string, unknown> | null>(session(), SESSION_TOKENS_KEY, null);
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function credentialFor(id: string, stored: StoredState, tokens: Record<string, string>): Credential {
  const c = stored.credentials[id];
  if (!c) return NO_CREDENTIAL;
  if (c.kind === 'cookies') return { kind: 'cookies' };
  if (c.kind === 'bearer') {
    const token = c.remember ? c.token : tokens[id];
    return token ? { kind: 'bearer', token } : NO_CREDENTIAL;
  }
  return NO_CREDENTIAL;
}

function buildSnapshot(): Snapshot {
  const stored = loadStored();
  const tokens = loadSessionTokens();
  const services: ServiceConfig[] = [];
  for (const p of PRESET_SERVICES) {
    services.push({ ...p, label: stored.labels?.[p.id] ?? p.label, credential: credentialFor(p.id, stored, tokens) });
  }
  for (const c of stored.custom) {
    let tapUrl: string;
    try {
      tapUrl = normalizeTapUrl(c.tapUrl);
    } catch {
      continue;
    }
    if (services.some((s) => s.tapUrl === tapUrl)) continue;
    services.push({ id: c.id, label: c.label || labelForUrl(tapUrl), tapUrl, credential: credentialFor(c.id, stored, tokens), preset: false });
  }
  const remembered: Record<string, boolean> = {};
  for (const [id, c] of Object.entries(stored.credentials)) remembered[id] = !!c.remember;
  const lastServiceUrl = readJson<string | null>(local(), LAST_SERVICE_KEY, null);
  return { services, remembered, lastServiceUrl: typeof lastServiceUrl === 'string' ? lastServiceUrl : null };
}

let snapshot: Snapshot | null = null;
const listeners = new Set<() => void>();

function getSnapshot(): Snapshot {
  snapshot ??= buildSnapshot();
  return snapshot;
}

function changed(): void {
  snapshot = buildSnapshot();
  for (const l of listeners) l();
}

let storageListening = false;
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!storageListening && typeof window !== 'undefined') {
    storageListening = true;
    window.addEventListener('storage', (e) => {
      if (e.key === null || e.key === SERVICES_KEY || e.key === LAST_SERVICE_KEY) changed();
    });
  }
  return () => listeners.delete(listener);
}

function newId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return `custom-${c.randomUUID()}`;
  return `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function storeCredential(state: StoredState, id: string, credential: Credential, remember: boolean): void {
  const tokens = loadSessionTokens();
  delete tokens[id];
  if (credential.kind === 'bearer') {
    state.credentials[id] = remember ? { kind: 'bearer', token: credential.token, remember: true } : { kind: 'bearer', remember: false };
    if (!remember) tokens[id] = credential.token;
  } else if (credential.kind === 'cookies') {
    state.credentials[id] = { kind: 'cookies' };
  } else {
    delete state.credentials[id];
  }
  writeJson(session(), SESSION_TOKENS_KEY, tokens);
}

export interface NewService {
  tapUrl: string;
  label?: string;
  credential?: Credential;
  /** Keep a bearer token in localStorage across browser sessions (off by default). */
  rememberCredential?: boolean;
}

export interface ServiceUpdate {
  label?: string;
  tapUrl?: string;
  credential?: Credential;
  rememberCredential?: boolean;
}

/** Add a service; returns it (or the existing one with the same URL). Throws on an invalid URL. */
export function addService(input: NewService): ServiceConfig {
  const tapUrl = normalizeTapUrl(input.tapUrl);
  const existing = getSnapshot().services.find((s) => s.tapUrl === tapUrl);
  if (existing) {
    if (input.credential) updateService(existing.id, { credential: input.credential, rememberCredential: input.rememberCredential });
    return getSnapshot().services.find((s) => s.id === existing.id) ?? existing;
  }
  const state = loadStored();
  const id = newId();
  const label = input.label?.trim() || labelForUrl(tapUrl);
  state.custom.push({ id, label, tapUrl });
  if (input.credential) storeCredential(state, id, input.credential, !!input.rememberCredential);
  writeJson(local(), SERVICES_KEY, state);
  changed();
  return getSnapshot().services.find((s) => s.id === id) ?? { id, label, tapUrl, credential: input.credential ?? NO_CREDENTIAL, preset: false };
}

/** Change a service's label, URL (custom ones only) or credential. Throws on an invalid URL. */
export function updateService(id: string, update: ServiceUpdate): void {
  const state = loadStored();
  const current = getSnapshot().services.find((s) => s.id === id);
  if (!current) return;
  if (update.tapUrl !== undefined && !current.preset) {
    const tapUrl = normalizeTapUrl(update.tapUrl);
    const clash = getSnapshot().services.find((s) => s.tapUrl === tapUrl && s.id !== id);
    if (clash) throw new Error(`${tapUrl} is already in the list as "${clash.label}".`);
    state.custom = state.custom.map((c) => (c.id === id ? { ...c, tapUrl } : c));
  }
  if (update.label !== undefined) {
    const label = update.label.trim() || labelForUrl(current.tapUrl);
    if (current.preset) state.labels = { ...state.labels, [id]: label };
    else state.custom = state.custom.map((c) => (c.id === id ? { ...c, label } : c));
  }
  if (update.credential !== undefined || update.rememberCredential !== undefined) {
    const credential = update.credential ?? current.credential;
    const remember = update.rememberCredential ?? !!state.credentials[id]?.remember;
    storeCredential(state, id, credential, remember);
  }
  writeJson(local(), SERVICES_KEY, state);
  changed();
}

/** Remove a custom service (presets stay) and forget its credential. */
export function removeService(id: string): void {
  const state = loadStored();
  const current = getSnapshot().services.find((s) => s.id === id);
  if (!current || current.preset) return;
  state.custom = state.custom.filter((c) => c.id !== id);
  storeCredential(state, id, NO_CREDENTIAL, false);
  writeJson(local(), SERVICES_KEY, state);
  changed();
}

/** Whether the service's bearer token is kept across browser sessions. */
export function isCredentialRemembered(id: string): boolean {
  return !!getSnapshot().remembered[id];
}

/** Remember which service the user last looked at (the home page opens it). */
export function rememberLastService(tapUrl: string): void {
  if (getSnapshot().lastServiceUrl === tapUrl) return;
  writeJson(local(), LAST_SERVICE_KEY, tapUrl);
  changed();
}

/** The services as they stand now (outside React). */
export function listServices(): readonly ServiceConfig[] {
  return getSnapshot().services;
}

export function useServices() {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return {
    services: snap.services,
    remembered: snap.remembered,
    addService,
    updateService,
    removeService,
  };
}

/** The service the app opens on: the last one used, the demo service on first load. */
export function useDefaultService(): ServiceConfig {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return snap.services.find((s) => s.tapUrl === snap.lastServiceUrl) ?? snap.services[0]!;
}

/** Find a service for a URL (e.g. from a deep link); an unknown one yields a transient config with no credential. */
export function findServiceByUrl(services: readonly ServiceConfig[], tapUrl: string): ServiceConfig {
  let normalized = tapUrl;
  try {
    normalized = normalizeTapUrl(tapUrl);
  } catch {
    // keep as given: the page will show the failure where it happens
  }
  const known = services.find((s) => s.tapUrl === normalized);
  if (known) return known;
  return { id: `transient:${normalized}`, label: labelForUrl(normalized), tapUrl: normalized, credential: NO_CREDENTIAL, preset: false };
}

export function useServiceByUrl(tapUrl: string): ServiceConfig {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  return useMemo(() => findServiceByUrl(snap.services, tapUrl), [snap.services, tapUrl]);
}

/** True for a config made up from a URL the user has not added. */
export function isTransientService(service: ServiceConfig): boolean {
  return service.id.startsWith('transient:');
}
