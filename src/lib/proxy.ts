/**
 * uws-desk's same-origin proxy: a service at http://host:port/path is reached
 * as `${location.origin}/proxy/http/host:port/path`. It exists when the app
 * is served by `npm start`, `npm run serve` or the preview server.
 */
const PREFIX = '/proxy/';

function origin(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

/** The URL through which the proxy reaches `url`. */
export function proxiedUrl(url: string, appOrigin: string = origin()): string {
  const u = new URL(url);
  const scheme = u.protocol.replace(':', '');
  return `${appOrigin}${PREFIX}${scheme}/${u.host}${u.pathname}${u.search}`;
}

/**
 * `url` as reached through the proxy when it lies on the origin of the service at
 * `serviceUrl`, anywhere on it: a service's job and result URLs need not lie under its
 * TAP URL. URLs already proxied, on other origins or not parseable are returned unchanged.
 */
export function proxiedUrlOnServiceOrigin(url: string, serviceUrl: string, appOrigin: string = origin()): string {
  if (isProxiedUrl(url, appOrigin)) return url;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
    if (u.origin !== new URL(unproxiedUrl(serviceUrl, appOrigin)).origin) return url;
    return proxiedUrl(u.href, appOrigin);
  } catch {
    return url;
  }
}

/** True when `url` goes through this app's proxy. */
export function isProxiedUrl(url: string, appOrigin: string = origin()): boolean {
  return url.startsWith(`${appOrigin}${PREFIX}`);
}

/** The service URL behind a proxied URL (the URL itself otherwise). */
export function unproxiedUrl(url: string, appOrigin: string = origin()): string {
  if (!isProxiedUrl(url, appOrigin)) return url;
  const rest = url.slice(`${appOrigin}${PREFIX}`.length);
  const m = rest.match(/^(https?)\/(.*)$/);
  return m ? `${m[1]}://${m[2]}` : url;
}

export interface ProxyInfo {
  /** Origins the proxy forwards to. */
  targets: string[];
  /** Whether this app may add origins to the allowlist (a local install served on loopback, or the operator allowed it). */
  canAddTargets: boolean;
}

function proxyInfoOf(body: { targets?: unknown; canAddTargets?: unknown }): ProxyInfo {
  const targets = Array.isArray(body.targets) ? body.targets.filter((t): t is string => typeof t === 'string') : [];
  return { targets: targets.map((t) => t.replace(/\/+$/, '')), canAddTargets: body.canAddTargets === true };
}

export async function fetchProxyInfo(signal?: AbortSignal): Promise<ProxyInfo | null> {
  try {
    const res = await fetch(`${origin()}${PREFIX}`, { signal, headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) return null;
    return proxyInfoOf((await res.json()) as { targets?: unknown; canAddTargets?: unknown });
  } catch {
    return null;
  }
}

/**
 * Ask the proxy to forward to the origin `target` from now on (saved in its config file). Only a
 * local install served on loopback allows it, unless its operator turned it on.
 * Rejects with the proxy's own reason.
 */
export async function addProxyTarget(target: string, signal?: AbortSignal): Promise<ProxyInfo> {
  const res = await fetch(`${origin()}${PREFIX}targets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ origin: target }),
    signal,
  });
  if (!res.ok) {
    const reason = (await res.text().catch(() => '')).trim().slice(0, 500);
    throw new Error(reason || `The proxy refused (HTTP ${res.status}).`);
  }
  return proxyInfoOf((await res.json()) as { targets?: unknown; canAddTargets?: unknown });
}

/** Whether the proxy forwards to the origin of `url`. */
export function proxyForwardsTo(info: ProxyInfo, url: string): boolean {
  try {
    const u = new URL(url);
    const defaultPort = u.protocol === 'https:' ? '443' : '80';
    const candidates = [u.origin, `${u.protocol}//${u.hostname}:${u.port || defaultPort}`];
    return info.targets.some((t) => candidates.includes(t));
  } catch {
    return false;
  }
}

/**
 * Does anything answer at `url`? A no-cors request resolves (with an opaque
 * answer) when the host answers at all, and rejects when it cannot be reached.
 * This tells "no CORS headers" apart from "unreachable".
 */
export async function probeAnswers(url: string, timeoutMs = 8000): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
