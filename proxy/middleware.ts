import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createProxyMiddleware, debugProxyErrorsPlugin, proxyEventsPlugin } from 'http-proxy-middleware';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT_SECONDS, type ProxyConfig } from './config.ts';
import { addTarget, allowlistEditRefusal } from './allowlist-editor.ts';
import { createHostCheck, hostRefusal } from './host-check.ts';
import { sendText } from './text-answer.ts';
import { watchTimeouts } from './timeouts.ts';
import { parseProxyPath, type ProxyPath } from './targets.ts';
import {
  UrlRewriteStream,
  cookiesForOrigin,
  createUrlMapper,
  isRewritableContentType,
  rewriteLocation,
  rewriteRefresh,
  rewriteSetCookie,
} from './rewrite.ts';

type Next = (error?: unknown) => void;

/** Sent by the app with a bearer token: the proxy prefix (`/proxy/http/host:port/`) the token belongs to. */
const CREDENTIAL_SCOPE_HEADER = 'x-uws-desk-credential-scope';
export type ProxyHandler = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

type Target = Extract<ProxyPath, { kind: 'target' }>;
interface Exchange {
  target: Target;
  publicOrigin: string;
  /** Set when the proxy gave up waiting for the upstream: what it waited for. */
  timedOut?: string;
}

/** Request headers that describe the browser's view of the app, not the upstream request. */
const DROPPED_REQUEST_HEADERS = [
  'origin',
  'referer',
  'cookie',
  'proxy-authorization',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
];

/**
 * The User-Agent upstream services see. Some answer any browser's User-Agent
 * (one that names Mozilla) with an HTML rendering instead of the VO document
 * asked for (DaCHS does so for DataLink links), so the proxy speaks as itself.
 */
export const PROXY_USER_AGENT = 'uws-desk-proxy/0.1 (IVOA TAP/UWS client)';

/**
 * Response headers that would act on the app's origin rather than the upstream's
 * (HSTS, Alt-Svc, Clear-Site-Data), or that describe the upstream's cross-origin
 * policy, which does not apply to a same-origin response.
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  'strict-transport-security',
  'alt-svc',
  'clear-site-data',
  'public-key-pins',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'trailer',
]);

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;


function publicOriginOf(req: IncomingMessage, config: ProxyConfig): string | undefined {
  if (config.publicOrigin) return config.publicOrigin;
  const host = req.headers.host;
  if (!host || !HOST_HEADER.test(host)) return undefined;
  const secure = (req.socket as TLSSocket).encrypted === true;
  return `${secure ? 'https' : 'http'}://${host.toLowerCase()}`;
}

function decoderFor(encoding: string | undefined): (() => Transform) | null | undefined {
  const value = (encoding ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return null;
  if (value === 'gzip' || value === 'x-gzip') return createGunzip;
  if (value === 'deflate') return createInflate;
  if (value === 'br') return createBrotliDecompress;
  return undefined;
}
type Transform = ReturnType<typeof createGunzip>;

/**
 * The app's proxy to services that send no CORS headers. It forwards
 * `/proxy/<scheme>/<host[:port]>/<path>` to `<scheme>://<host[:port]>/<path>` when that
 * origin is in the allowlist, and answers 403 otherwise. Redirects and absolute URLs in
 * XML and HTML bodies are rewritten into the proxied form, so the browser stays on the
 * app's origin; other bodies are streamed through untouched.
 */
export function createUwsProxy(config: ProxyConfig, options: { configFile?: string } = {}): ProxyHandler {
  const allowed = new Set(config.targets);
  const targets = [...config.targets];
  const hostAllowed = createHostCheck(config);
  const connectMs = (config.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000;
  const idleMs = (config.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000;
  const exchanges = new WeakMap<IncomingMessage, Exchange>();
  const exchangeOf = (req: IncomingMessage): Exchange => {
    const exchange = exchanges.get(req);
    if (!exchange) throw new Error('proxied request without a target');
    return exchange;
  };

  const forward = createProxyMiddleware<IncomingMessage, ServerResponse>({
    router: (req) => exchangeOf(req).target.origin,
    pathRewrite: (_path, req) => exchangeOf(req).target.path,
    changeOrigin: true,
    xfwd: false,
    selfHandleResponse: true,
    ejectPlugins: true,
    plugins: [debugProxyErrorsPlugin, proxyEventsPlugin],
    on: {
      proxyReq: (proxyReq, req) => {
        const exchange = exchangeOf(req);
        const { target } = exchange;
        watchTimeouts(proxyReq, exchange, connectMs, idleMs);
        for (const name of DROPPED_REQUEST_HEADERS) proxyReq.removeHeader(name);
        proxyReq.removeHeader(CREDENTIAL_SCOPE_HEADER);
        proxyReq.setHeader('user-agent', PROXY_USER_AGENT);
        // The app names the prefix its token belongs to; a same-origin redirect keeps both headers,
        // so a token that arrives under another prefix is not passed on.
        const scope = req.headers[CREDENTIAL_SCOPE_HEADER];
        const outOfScope = scope !== undefined && scope !== `${target.mount}/`;
        if (target.anonymous || outOfScope) {
          proxyReq.removeHeader('authorization');
        } else {
          const cookies = cookiesForOrigin(req.headers.cookie, target.origin);
          if (cookies) proxyReq.setHeader('cookie', cookies);
        }
      },
      proxyRes: (proxyRes, req, res) => respond(proxyRes, req, res, exchangeOf(req), allowed),
      error: (error, req, res) => {
        const exchange = exchanges.get(req);
        const where = exchange ? exchange.target.origin : 'the service';
        const code = (error as NodeJS.ErrnoException).code ?? error.message;
        if (!('writeHead' in res) || res.headersSent) {
          res.destroy();
        } else if (exchange?.timedOut) {
          sendText(res, 504, `The proxy gave up on ${where}: ${exchange.timedOut}.`);
        } else {
          const status = code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' ? 504 : 502;
          sendText(res, status, `The proxy could not reach ${where}: ${code}`);
        }
      },
    },
  });

  return (req, res, next) => {
    const parsed = parseProxyPath(req.url ?? '/');
    if (parsed.kind === 'other') {
      if (next) next();
      else sendText(res, 404, 'Not found');
      return;
    }
    if (!hostAllowed(req.headers.host)) {
      sendText(res, 403, hostRefusal(req.headers.host));
      return;
    }
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      sendText(res, 403, 'The proxy serves only pages of its own origin.');
      return;
    }
    if (parsed.kind === 'index') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendText(res, 405, 'Method not allowed');
        return;
      }
      const canAddTargets = allowlistEditRefusal(req, config, options.configFile) === null;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ targets, canAddTargets }));
      return;
    }
    if (parsed.kind === 'targets') {
      const state = { config, configFile: options.configFile, allowed, targets, ownOrigin: publicOriginOf(req, config) };
      void addTarget(req, res, state).catch((error: unknown) => {
        if (!res.headersSent) sendText(res, 500, `The allowlist could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      });
      return;
    }
    if (parsed.kind === 'malformed') {
      sendText(res, 400, `Malformed proxy URL: ${parsed.reason}`);
      return;
    }
    if (!allowed.has(parsed.origin)) {
      sendText(
        res,
        403,
        `The proxy does not forward to ${parsed.origin}: it is not in the proxy's allowlist. ` +
          'The operator can add it to the "targets" of proxy.config.json.',
      );
      return;
    }
    const publicOrigin = publicOriginOf(req, config);
    if (!publicOrigin) {
      sendText(res, 400, 'The request has no usable Host header.');
      return;
    }
    exchanges.set(req, { target: parsed, publicOrigin });
    void forward(req, res, (error?: unknown) => {
      if (res.headersSent) res.destroy();
      else sendText(res, 502, `The proxy failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
}

function respond(
  proxyRes: IncomingMessage,
  req: IncomingMessage,
  res: ServerResponse,
  { target, publicOrigin }: Exchange,
  allowed: ReadonlySet<string>,
): void {
  const upstreamUrl = new URL(target.path, target.origin);
  const map = createUrlMapper({ publicOrigin, allowed, current: target.origin });
  const status = proxyRes.statusCode ?? 502;
  const headers: Record<string, string | string[]> = {};

  for (const [name, value] of Object.entries(proxyRes.headers)) {
    if (value === undefined) continue;
    if (DROPPED_RESPONSE_HEADERS.has(name) || name.startsWith('access-control-')) continue;
    if (name === 'location' || name === 'content-location') {
      const rewritten = rewriteLocation(String(value), upstreamUrl, map);
      if (rewritten.ok) {
        headers[name] = rewritten.value;
        continue;
      }
      if (name === 'content-location') continue;
      proxyRes.resume();
      sendText(
        res,
        502,
        `${target.origin} redirected to ${rewritten.target}, which is not in the proxy's allowlist; ` +
          'the proxy does not follow redirects to other hosts.',
      );
      return;
    }
    if (name === 'refresh') {
      const rewritten = rewriteRefresh(String(value), upstreamUrl, map);
      if (rewritten !== undefined) headers[name] = rewritten;
      continue;
    }
    if (name === 'set-cookie') {
      const cookies = (Array.isArray(value) ? value : [value])
        .map((cookie) => rewriteSetCookie(cookie, target.origin, target.mount))
        .filter((cookie): cookie is string => cookie !== undefined);
      if (cookies.length > 0) headers[name] = cookies;
      continue;
    }
    headers[name] = value;
  }
  // An upstream page opened in a tab must not run scripts as the app.
  headers['content-security-policy'] = [
    ...[headers['content-security-policy'] ?? []].flat(),
    'sandbox',
  ];
  headers['x-content-type-options'] = 'nosniff';

  const bodiless = req.method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
  const decoder = decoderFor(proxyRes.headers['content-encoding']);
  const rewritable = isRewritableContentType(proxyRes.headers['content-type']) && decoder !== undefined;
  const rewrite = !bodiless && rewritable;

  if (rewrite || (rewritable && req.method === 'HEAD')) {
    // The body is rewritten and decoded (for HEAD, the one a GET would get), of no known length.
    delete headers['content-length'];
    if (decoder) delete headers['content-encoding'];
  }
  if (!rewrite) {
    res.writeHead(status, proxyRes.statusMessage, headers);
    if (bodiless) {
      proxyRes.resume();
      res.end();
      return;
    }
    pipeline(proxyRes, res, () => undefined);
    return;
  }

  const etag = headers.etag;
  if (typeof etag === 'string' && !etag.startsWith('W/')) headers.etag = `W/${etag}`;
  res.writeHead(status, proxyRes.statusMessage, headers);
  const stages: Readable[] = [proxyRes];
  if (decoder) stages.push(decoder());
  pipeline([...stages, new UrlRewriteStream(map), res], (error) => {
    if (error && !res.destroyed) res.destroy();
  });
}
