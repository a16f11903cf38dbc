/**
 * What a TAP service is to the app: its canonical URL, label and credential,
 * the preset services, and the transient service a link to an unknown URL
 * gives. Pure: nothing here reads or writes storage (./service-store does).
 */
import type { Credential } from '../protocol/http/transport';

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

export const NO_CREDENTIAL: Credential = { kind: 'none' };

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

/** True for a config made up from a URL the user has not added. */
export function isTransientService(service: ServiceConfig): boolean {
  return service.id.startsWith('transient:');
}
