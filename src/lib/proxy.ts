/**
 * uws-desk's same-origin proxy: a service at http://host:port/path is reached
 * as `${location.origin}/proxy/http/host:port/path`. It exists when the app
 * is served by `npm start`, `npm run serve` or the preview server.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

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
  /** The JSON the proxy answered with (describes what it lets through). */
  description: unknown;
}

export async function fetchProxyInfo(signal?: AbortSignal): Promise<ProxyInfo | null> {
  try {
    const res = await fetch(`${origin()}${PREFIX}`, { signal, headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) return null;
    return { description: await res.json() };
  } catch {
    return null;
  }
}

export const proxyInfoQueryOptions = queryOptions({
  queryKey: ['uws-desk', 'proxy-info'] as const,
  queryFn: ({ signal }) => fetchProxyInfo(signal),
  staleTime: Infinity,
  retry: false,
});

/** Whether this app's proxy answers (null while unknown). */
export function useProxyAvailable(): boolean | null {
  const { data, isPending } = useQuery(proxyInfoQueryOptions);
  if (isPending) return null;
  return !!data;
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
