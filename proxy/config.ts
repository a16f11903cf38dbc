import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the proxy needs to know: where it may forward to, and how the app is reached. */
export interface ProxyConfig {
  /** Allowed upstream origins, normalised (`http://host:port`, default ports omitted). */
  readonly targets: readonly string[];
  /**
   * The origin browsers use to reach the app (e.g. `https://desk.example.org`), used to
   * build the proxied URLs written into Location headers and bodies. Without it, the
   * origin is taken from each request's Host header.
   */
  readonly publicOrigin?: string;
  /**
   * Host names (without port) the app answers to besides loopback names, IP addresses and
   * publicOrigin's host. Any other Host header is refused, against DNS rebinding.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Let the app add origins to the allowlist (saved to the config file) from anywhere the
   * Host check admits. Without it, only a request over loopback to an app served on
   * loopback may.
   */
  readonly allowAddingTargets?: boolean;
  /** Seconds to wait for a connection to an upstream (default 10). */
  readonly connectTimeoutSeconds?: number;
  /**
   * Seconds an upstream may stay silent, before its answer or inside it (default 120:
   * above the longest UWS WAIT the app asks for).
   */
  readonly idleTimeoutSeconds?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

const DEFAULT_CONFIG_FILE = 'proxy.config.json';
/** Path of the config file, overriding `proxy.config.json` in the working directory. */
const CONFIG_FILE_ENV = 'UWS_DESK_PROXY_CONFIG';
/** Extra allowed origins, comma or space separated, added to the file's. */
const EXTRA_TARGETS_ENV = 'UWS_DESK_PROXY_TARGETS';

export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError';
}

/**
 * Normalises an allowlist entry to an origin. Entries are origins only: a service's
 * job and result URLs need not lie under its TAP path, so a path would give a false
 * sense of restriction.
 */
export function normalizeOrigin(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ProxyConfigError(`"${entry}" is not a URL; expected an origin such as https://archive.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(`"${entry}": only http and https origins can be proxied`);
  }
  if (url.username || url.password) {
    throw new ProxyConfigError(`"${entry}": credentials do not belong in the allowlist`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ProxyConfigError(
      `"${entry}": allowlist entries are origins (scheme://host[:port]) without a path; use ${url.origin}`,
    );
  }
  return url.origin;
}

/** Validates the parsed JSON of a config file. */
export function parseProxyConfig(raw: unknown, extraTargets: readonly string[] = []): ProxyConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProxyConfigError('the proxy config must be a JSON object with a "targets" array');
  }
  const record = raw as Record<string, unknown>;
  const known = new Set([
    'targets',
    'publicOrigin',
    'allowedHosts',
    'allowAddingTargets',
    'connectTimeoutSeconds',
    'idleTimeoutSeconds',
    '$comment',
  ]);
  const unknown = Object.keys(record).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ProxyConfigError(`unknown key(s) in the proxy config: ${unknown.join(', ')}`);
  }
  const targets = record.targets ?? [];
  if (!Array.isArray(targets) || !targets.every((t): t is string => typeof t === 'string')) {
    throw new ProxyConfigError('"targets" must be an array of origin strings');
  }
  let publicOrigin: string | undefined;
  if (record.publicOrigin !== undefined) {
    if (typeof record.publicOrigin !== 'string') {
      throw new ProxyConfigError('"publicOrigin" must be a string such as https://desk.example.org');
    }
    publicOrigin = normalizeOrigin(record.publicOrigin);
  }
  const all = [...targets, ...extraTargets].map(normalizeOrigin);
  const allowedHosts = record.allowedHosts;
  if (allowedHosts !== undefined && (!Array.isArray(allowedHosts) || !allowedHosts.every(isHostName))) {
    throw new ProxyConfigError('"allowedHosts" must be an array of host names such as desk.example.org (no scheme, no port)');
  }
  return {
    targets: [...new Set(all)],
    ...(publicOrigin ? { publicOrigin } : {}),
    ...(allowedHosts ? { allowedHosts: allowedHosts.map((h) => h.toLowerCase()) } : {}),
    ...(record.allowAddingTargets === undefined ? {} : { allowAddingTargets: flag(record.allowAddingTargets) }),
    ...seconds(record, 'connectTimeoutSeconds'),
    ...seconds(record, 'idleTimeoutSeconds'),
  };
}

function flag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ProxyConfigError('"allowAddingTargets" must be true or false');
  return value;
}

function isHostName(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value);
}

function seconds(record: Record<string, unknown>, key: 'connectTimeoutSeconds' | 'idleTimeoutSeconds'): Partial<ProxyConfig> {
  const value = record[key];
  if (value === undefined) return {};
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ProxyConfigError(`"${key}" must be a positive number of seconds`);
  }
  return { [key]: value };
}

function splitTargetList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((t) => t.length > 0);
}

/**
 * Reads the proxy config: the file named by UWS_DESK_PROXY_CONFIG, else
 * `proxy.config.json` in `dir`; origins in UWS_DESK_PROXY_TARGETS are added. A missing
 * default file means an empty allowlist (every target refused); a missing file that was
 * named explicitly, or an invalid one, is an error.
 */
export function loadProxyConfig(
  dir: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
  explicitFile?: string,
): ProxyConfig & { file: string | undefined; saveTo: string } {
  const named = explicitFile ?? env[CONFIG_FILE_ENV];
  const file = resolve(dir, named ?? DEFAULT_CONFIG_FILE);
  const extra = splitTargetList(env[EXTRA_TARGETS_ENV]);
  if (!existsSync(file)) {
    if (named) throw new ProxyConfigError(`proxy config file ${file} does not exist`);
    return { ...parseProxyConfig({}, extra), file: undefined, saveTo: file };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProxyConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return { ...parseProxyConfig(raw, extra), file, saveTo: file };
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new ProxyConfigError(`${file}: ${error.message}`);
    throw error;
  }
}
