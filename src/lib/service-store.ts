/**
 * The services the user works with, as stored in this browser: presets plus
 * the ones they added, with an optional credential each, and the service last
 * looked at. Custom services and credential choices are kept in localStorage.
 * A bearer token is kept only in sessionStorage (gone when the tab closes)
 * unless the user asks to remember it. Tokens are never logged.
 */
import { local, readJson, session, writeJson } from './storage';
import { labelForUrl, normalizeTapUrl, NO_CREDENTIAL, PRESET_SERVICES, type Credential, type ServiceConfig } from './service-url';

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

export interface Snapshot {
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

/** The services, credentials and last service as they stand now; a new object after each change. */
export function getSnapshot(): Snapshot {
  snapshot ??= buildSnapshot();
  return snapshot;
}

function changed(): void {
  snapshot = buildSnapshot();
  for (const l of listeners) l();
}

let storageListening = false;
/** Hear of every change, in this tab or (through storage events) in another. */
export function subscribe(listener: () => void): () => void {
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
