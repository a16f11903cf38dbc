/**
 * The proxied URL form: `http://host:port/path?q` is reached as
 * `<app origin>/proxy/http/host:port/path?q`. The `anon` form
 * (`/proxy/anon/http/host:port/...`) reaches the same upstream without the
 * browser's credentials; the proxy writes it for links and redirects that lead
 * from one service to another.
 */
const PROXY_PREFIX = '/proxy';
const ANON = 'anon';

export type ProxyPath =
  | { kind: 'other' }
  | { kind: 'index' }
  /** `/proxy/targets`: where the app adds an origin to the allowlist. */
  | { kind: 'targets' }
  | { kind: 'malformed'; reason: string }
  | {
      kind: 'target';
      /** Normalised upstream origin. */
      origin: string;
      /** Path and query to request upstream (always starts with `/`). */
      path: string;
      /** Forward without the browser's credentials. */
      anonymous: boolean;
      /** The path prefix under which this upstream origin's URLs live in the app (no trailing slash). */
      mount: string;
    };

const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const USAGE = 'expected /proxy/http/host[:port]/path or /proxy/https/host[:port]/path';

/** Parses a request target (path and query, as received) against the proxy's URL form. */
export function parseProxyPath(requestUrl: string): ProxyPath {
  if (requestUrl === PROXY_PREFIX || requestUrl.startsWith(`${PROXY_PREFIX}?`)) return { kind: 'index' };
  if (!requestUrl.startsWith(`${PROXY_PREFIX}/`)) return { kind: 'other' };
  if (/^\/proxy\/targets(?:[?#]|$)/.test(requestUrl)) return { kind: 'targets' };
  let rest = requestUrl.slice(PROXY_PREFIX.length + 1);
  if (rest === '' || rest.startsWith('?')) return { kind: 'index' };

  let anonymous = false;
  if (rest.startsWith(`${ANON}/`)) {
    anonymous = true;
    rest = rest.slice(ANON.length + 1);
  }
  const slash = rest.indexOf('/');
  const scheme = slash < 0 ? rest : rest.slice(0, slash);
  if (scheme !== 'http' && scheme !== 'https') {
    return { kind: 'malformed', reason: `unsupported scheme "${truncate(scheme)}"; ${USAGE}` };
  }
  const afterScheme = slash < 0 ? '' : rest.slice(slash + 1);
  const end = afterScheme.search(/[/?#]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  let path = end < 0 ? '/' : afterScheme.slice(end);
  if (path.startsWith('#')) path = '/';
  else if (path.startsWith('?')) path = `/${path}`;
  path = path.replace(/#.*$/s, '');

  if (authority === '') return { kind: 'malformed', reason: `missing host; ${USAGE}` };
  if (!HOST_PORT.test(authority)) {
    return { kind: 'malformed', reason: `"${truncate(authority)}" is not a host[:port]; ${USAGE}` };
  }
  let origin: string;
  try {
    origin = new URL(`${scheme}://${authority}`).origin;
  } catch {
    return { kind: 'malformed', reason: `"${truncate(authority)}" is not a valid host[:port]` };
  }
  if ([...path].some((c) => c <= ' ' || c === '\u007f')) {
    return { kind: 'malformed', reason: 'the path contains control characters or spaces' };
  }
  return { kind: 'target', origin, path, anonymous, mount: mountOf(origin) };
}

/** `/proxy/http/host:port` for an origin. */
function mountOf(origin: string, anonymous = false): string {
  const url = new URL(origin);
  return `${PROXY_PREFIX}/${anonymous ? `${ANON}/` : ''}${url.protocol.slice(0, -1)}/${url.host}`;
}

/** The proxied form of an absolute upstream URL, as seen from `publicOrigin`. */
export function toProxiedUrl(publicOrigin: string, upstream: URL, anonymous = false): string {
  return `${publicOrigin}${mountOf(upstream.origin, anonymous)}${upstream.pathname}${upstream.search}${upstream.hash}`;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
