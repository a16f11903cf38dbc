/**
 * Where a service's credential may go. The scope is the service, not its origin:
 * every service reached through uws-desk's proxy shares the app's origin, so an
 * origin check alone would hand one proxied service's token to any other.
 *
 * - A proxied service (`<app>/proxy/<scheme>/<host[:port]>/...`) owns the paths
 *   under its proxy prefix, and nothing else on the app's origin.
 * - A direct service owns its origin, except any proxied prefix on it (a service
 *   served from the app's own origin must not hand its token to the proxy).
 *
 * URLs are compared after the URL parser has normalised them (dot segments,
 * backslashes, default ports, case of scheme and host), exactly as fetch will
 * send them, so `..` or `%2e%2e` cannot step out of a prefix.
 */

/** Name of the request header that tells uws-desk's proxy which prefix the credential of a request belongs to. */
export const CREDENTIAL_SCOPE_HEADER = 'X-Uws-Desk-Credential-Scope';

/** `/proxy/[anon/]<scheme>/<authority>` at the start of a path (authority without `/ ? #`). */
const PROXIED_PREFIX = /^\/proxy\/(anon\/)?(https?)\/([^/?#]+)(?:\/|$)/i;

export interface CredentialScope {
  /** Origin the credential may go to. */
  origin: string;
  /**
   * Path prefix (ending in `/`) under which the credential may go, for a proxied
   * service; null for a direct service, which owns its whole origin except proxied prefixes.
   */
  prefix: string | null;
}

function parse(url: string, base?: string): URL | null {
  try {
    const parsed = base === undefined ? new URL(url) : new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

function pageBase(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}

/** The proxy prefix a path lies under (`/proxy/http/host:port/`, normalised), or null. */
export function proxiedPrefixOf(pathname: string): string | null {
  const match = PROXIED_PREFIX.exec(pathname);
  if (!match) return null;
  const [, anon, scheme, authority] = match;
  const upstream = parse(`${scheme!.toLowerCase()}://${authority}/`);
  // A prefix that does not name a valid host is refused by the proxy; it still belongs to no service.
  const host = upstream ? upstream.host : authority!.toLowerCase();
  return `/proxy/${anon ? 'anon/' : ''}${scheme!.toLowerCase()}/${host}/`;
}

/** The scope of the credential of the service at `serviceUrl` (relative URLs resolve against the page), or null when it has none. */
export function credentialScope(serviceUrl: string): CredentialScope | null {
  const url = parse(serviceUrl, pageBase());
  if (!url) return null;
  const prefix = proxiedPrefixOf(url.pathname);
  if (prefix?.startsWith('/proxy/anon/')) return null;
  return { origin: url.origin, prefix };
}

/** Whether a request to `url` may carry the credential of a service whose scope is `scope`. */
export function inCredentialScope(url: string, scope: CredentialScope | null): boolean {
  if (!scope) return false;
  const target = parse(url, pageBase());
  if (!target || target.origin !== scope.origin) return false;
  const prefix = proxiedPrefixOf(target.pathname);
  return scope.prefix === null ? prefix === null : prefix === scope.prefix;
}
