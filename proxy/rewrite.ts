import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { toProxiedUrl } from './targets.ts';

/**
 * Decides where an upstream URL goes in what the browser sees: the proxied form when
 * its origin is allowed (anonymous when it belongs to another service than the one
 * answering), or nothing when it is not allowed.
 */
export interface UrlMapper {
  (absolute: URL): string | undefined;
}

export function createUrlMapper(options: {
  publicOrigin: string;
  allowed: ReadonlySet<string>;
  /** Origin of the upstream that answered. */
  current: string;
}): UrlMapper {
  return (url) => {
    if (!options.allowed.has(url.origin)) return undefined;
    return toProxiedUrl(options.publicOrigin, url, url.origin !== options.current);
  };
}

/** An absolute http(s) URL's scheme and authority, followed by something that cannot continue a host or port. */
const URL_PREFIX = /https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?![A-Za-z0-9.:@%_-])/gi;
/** Longest text that can still become a URL_PREFIX match. */
const MAX_PREFIX = 8 + 255 + 6 + 1;

/**
 * Rewrites absolute URLs to allowed origins in `text`. With `final` false, the text is a
 * piece of a longer stream: the returned `rest` is the tail that might still be the start
 * of a URL and must be prepended to the next piece.
 */
export function rewriteUrlsInText(
  text: string,
  map: UrlMapper,
  final: boolean,
): { output: string; rest: string } {
  let output = '';
  let position = 0;
  for (const match of text.matchAll(URL_PREFIX)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!final && end >= text.length) break;
    let replacement: string | undefined;
    try {
      const url = new URL(match[0]);
      replacement = map(url);
      // The mapped form of a bare origin ends with "/"; the rest of the URL follows the prefix.
      if (replacement !== undefined) replacement = replacement.replace(/\/$/, '');
    } catch {
      replacement = undefined;
    }
    if (replacement === undefined) continue;
    output += text.slice(position, start) + replacement;
    position = end;
  }
  if (final) return { output: output + text.slice(position), rest: '' };
  const cut = Math.max(position, text.length - MAX_PREFIX);
  return { output: output + text.slice(position, cut), rest: text.slice(cut) };
}

/**
 * A streaming body rewriter. It works on bytes as latin1 so that any ASCII-compatible
 * charset passes through untouched; only ASCII URL prefixes are replaced. Nothing is
 * held back but a possible URL prefix at the end of each chunk.
 */
export class UrlRewriteStream extends Transform {
  private carry = '';
  private readonly mapUrl: UrlMapper;
  constructor(mapUrl: UrlMapper) {
    super();
    this.mapUrl = mapUrl;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const { output, rest } = rewriteUrlsInText(this.carry + chunk.toString('latin1'), this.mapUrl, false);
    this.carry = rest;
    if (output.length > 0) this.push(Buffer.from(output, 'latin1'));
    callback();
  }
  override _flush(callback: TransformCallback): void {
    const { output } = rewriteUrlsInText(this.carry, this.mapUrl, true);
    this.carry = '';
    if (output.length > 0) this.push(Buffer.from(output, 'latin1'));
    callback();
  }
}

/** Content types whose bodies carry URLs a browser client follows: XML (UWS, VOTable, VOSI) and HTML. */
export function isRewritableContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [essence = '', ...params] = contentType.toLowerCase().split(';').map((part) => part.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && /^utf-?(16|32)/.test(charset)) return false;
  return (
    essence === 'text/html' ||
    essence === 'text/xml' ||
    essence === 'application/xml' ||
    essence.endsWith('+xml')
  );
}

/** Resolves a Location-like header against the upstream request URL and maps it. */
export function rewriteLocation(
  value: string,
  upstreamRequestUrl: URL,
  map: UrlMapper,
): { ok: true; value: string } | { ok: false; target: string } {
  let absolute: URL;
  try {
    absolute = new URL(value.trim(), upstreamRequestUrl);
  } catch {
    return { ok: false, target: value };
  }
  if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return { ok: false, target: absolute.href };
  const mapped = map(absolute);
  return mapped === undefined ? { ok: false, target: absolute.href } : { ok: true, value: mapped };
}

/** `Refresh: <seconds>[; url=<url>]` (also `,` as separator, the URL optionally quoted), as browsers read it. */
const REFRESH = /^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$/is;

/**
 * A `Refresh` header is a delayed redirect the browser follows in a tab: its URL is
 * rewritten like a `Location`. Undefined means the header must be dropped: it leads off
 * the allowlist, or cannot be read (a browser might read it differently).
 */
export function rewriteRefresh(value: string, upstreamRequestUrl: URL, map: UrlMapper): string | undefined {
  const match = REFRESH.exec(value);
  if (!match) return undefined;
  const delay = match[1]!;
  let target = (match[2] ?? '').trim();
  const quote = target[0];
  if ((quote === '"' || quote === "'") && target.endsWith(quote) && target.length > 1) target = target.slice(1, -1).trim();
  else if (quote === '"' || quote === "'") target = target.slice(1).trim();
  if (target === '') return delay;
  const rewritten = rewriteLocation(target, upstreamRequestUrl, map);
  return rewritten.ok ? `${delay}; url=${rewritten.value}` : undefined;
}

/**
 * Cookies an upstream sets are stored by the browser under the app's origin. To keep
 * them apart from the app's own cookies and from other services' cookies, their names
 * carry a tag derived from the upstream origin, and their Path is moved under the
 * upstream's proxy mount.
 */
export function cookieTag(origin: string): string {
  return `uwsp_${createHash('sha256').update(origin).digest('hex').slice(0, 12)}_`;
}

export function rewriteSetCookie(header: string, origin: string, mount: string): string | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return undefined;
  let path = '/';
  const kept: string[] = [];
  for (const attribute of attributes) {
    const trimmed = attribute.trim();
    const key = trimmed.split('=')[0]?.trim().toLowerCase() ?? '';
    if (key === 'domain' || key === '') continue;
    if (key === 'path') {
      const raw = trimmed.slice(trimmed.indexOf('=') + 1).trim();
      path = raw.startsWith('/') ? raw : '/';
      continue;
    }
    kept.push(trimmed);
  }
  return [`${cookieTag(origin)}${name}=${value}`, `Path=${mount}${path}`, ...kept].join('; ');
}

/**
 * From the browser's Cookie header, keeps only the cookies that `origin` set (through
 * this proxy), under their original names. Returns undefined when none remain.
 */
export function cookiesForOrigin(header: string | undefined, origin: string): string | undefined {
  if (!header) return undefined;
  const tag = cookieTag(origin);
  const kept = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(tag) && part.indexOf('=') > tag.length)
    .map((part) => part.slice(tag.length));
  return kept.length > 0 ? kept.join('; ') : undefined;
}
