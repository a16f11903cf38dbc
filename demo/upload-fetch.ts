/**
 * Reads an UPLOAD given by URL, refusing addresses the service must not be
 * turned against: loopback, private, link-local and other non-public ranges,
 * checked on the resolved addresses of every hop (redirects included), so a
 * public name resolving to 127.0.0.1 is refused as well.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, isIPv4 } from 'node:net';
import { QueryError } from './query-error.ts';

export const UPLOAD_FETCH_LIMIT = 10 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 15_000;

type LookupCallback = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
export type Lookup = (hostname: string, callback: LookupCallback) => void;

export interface UploadPolicy {
  /** Read from any address (`--allow-private-uploads`). */
  allowPrivate: boolean;
  /** Which resolved addresses may be read; public ones by default. */
  addressAllowed?: (ip: string) => boolean;
  /** Name resolution; the system resolver by default. */
  lookup?: Lookup;
}

const V4_BLOCKED: [number, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
].map(([a, bits]) => [v4Number(a as string), bits as number]);

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Public(n: number): boolean {
  return !V4_BLOCKED.some(([net, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(net / 2 ** (32 - bits)));
}

/** The 8 groups of an IPv6 address (zone removed), or undefined when it is malformed. */
function v6Groups(ip: string): number[] | undefined {
  let s = ip.replace(/%.*$/, '').toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    if (!isIPv4(tail[1]!)) return undefined;
    const n = v4Number(tail[1]!);
    s = `${s.slice(0, -tail[1]!.length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...rest];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** True for addresses on the public internet; false for loopback, private, link-local, reserved and malformed ones. */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return v4Public(v4Number(ip));
  const g = v6Groups(ip);
  if (!g) return false;
  const embedded = (hi: number, lo: number) => v4Public(hi * 65536 + lo);
  if (g.slice(0, 6).every((x) => x === 0)) return false; // ::, ::1 and IPv4-compatible addresses
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return embedded(g[6]!, g[7]!); // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embedded(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return embedded(g[1]!, g[2]!); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return false; // Teredo hides the IPv4 address
  if (g[0] === 0x2001 && g[1] === 0xdb8) return false; // documentation
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return false; // discard
  if ((g[0]! & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xffc0) === 0xfec0) return false; // link-local, site-local
  if ((g[0]! & 0xff00) === 0xff00) return false; // multicast
  return true;
}

class Refused extends Error {}

const defaultLookup: Lookup = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback);

function fail(name: string, what: string): never {
  throw new QueryError(`UPLOAD of "${name}": ${what}`);
}

const REFUSED = 'the service does not read uploads from loopback, private, link-local or reserved addresses';

/** One GET, connecting only to allowed addresses. */
function get(url: URL, policy: UploadPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const allowed = (ip: string) => policy.allowPrivate || (policy.addressAllowed ?? isPublicAddress)(ip);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allowed(host)) return Promise.reject(new Refused());
  const resolve = policy.lookup ?? defaultLookup;
  const lookup = (hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    resolve(hostname, (err, addresses) => {
      if (err) return cb(err);
      if (addresses.length === 0 || !addresses.every((a) => allowed(a.address))) return cb(new Refused());
      if (options.all) cb(null, addresses);
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((ok, ko) => {
    const req = mod.request(url, { method: 'GET', lookup: lookup as never, agent: false, signal, headers: { 'User-Agent': 'uws-desk-demo' } });
    req.on('response', ok);
    req.on('error', ko);
    req.end();
  });
}

async function readLimited(res: IncomingMessage, name: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? '0');
  if (declared > UPLOAD_FETCH_LIMIT) {
    res.destroy();
    fail(name, `the table is larger than ${UPLOAD_FETCH_LIMIT} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > UPLOAD_FETCH_LIMIT) {
      res.destroy();
      fail(name, `the table is larger than ${UPLOAD_FETCH_LIMIT} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an http(s) UPLOAD URL. Errors say what went wrong in general terms
 * only: they never quote the answer's body or tell which ports are open.
 */
export async function fetchUpload(
  name: string,
  uri: string,
  policy: UploadPolicy,
): Promise<{ filename: string; contentType: string; data: Buffer }> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    fail(name, 'the URL is malformed');
  }
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(name, 'only http and https URLs are read');
    if (url.username || url.password) fail(name, 'URLs with a user name or password are not read');
    let res: IncomingMessage;
    try {
      res = await get(url, policy, signal);
    } catch (e) {
      if (e instanceof Refused) fail(name, REFUSED);
      fail(name, signal.aborted ? `the URL did not answer within ${TIMEOUT_MS / 1000} s` : 'the URL could not be read');
    }
    const status = res.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      res.resume();
      const location = res.headers.location;
      if (!location) fail(name, `the URL answered HTTP ${status} without a Location`);
      if (hop >= MAX_REDIRECTS) fail(name, `the URL redirected more than ${MAX_REDIRECTS} times`);
      try {
        url = new URL(location, url);
      } catch {
        fail(name, 'the URL redirected to a malformed URL');
      }
      continue;
    }
    if (status < 200 || status > 299) {
      res.resume();
      fail(name, `the URL answered HTTP ${status}`);
    }
    let data: Buffer;
    try {
      data = await readLimited(res, name);
    } catch (e) {
      if (e instanceof QueryError) throw e;
      fail(name, signal.aborted ? `the URL did not answer within ${TIMEOUT_MS / 1000} s` : 'the answer broke off');
    }
    return { filename: url.pathname, contentType: String(res.headers['content-type'] ?? ''), data };
  }
}
