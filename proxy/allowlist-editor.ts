import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { normalizeOrigin, ProxyConfigError, type ProxyConfig } from './config.ts';
import { sendText } from './text-answer.ts';

/**
 * Adding an origin to the proxy's allowlist from the app (`POST /proxy/targets`). It is
 * for a local install: the user on this computer, talking to an app served on loopback
 * only. Anywhere else it is refused, unless the operator set `allowAddingTargets`.
 */

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

function isLoopbackHost(host: string | undefined): boolean {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(host ?? '');
  if (!match) return false;
  const name = match[1]!.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name.replace(/^\[|\]$/g, ''));
}

/** What adding a target works on: the live allowlist (changed in place) and the file it is saved to. */
export interface AllowlistState {
  config: Pick<ProxyConfig, 'allowAddingTargets'>;
  configFile: string | undefined;
  allowed: Set<string>;
  targets: string[];
  /** The app's own origin, as the request names it. */
  ownOrigin: string | undefined;
}

/** POST /proxy/targets {"origin": ...}: adds the origin to the allowlist and its config file. */
export async function addTarget(req: IncomingMessage, res: ServerResponse, state: AllowlistState): Promise<void> {
  const { config, allowed, targets } = state;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const refusal = allowlistEditRefusal(req, config, state.configFile);
  if (refusal) {
    req.resume();
    sendText(res, 403, `The proxy's allowlist cannot be changed from here: ${refusal}.`);
    return;
  }
  const origin = req.headers.origin;
  const own = state.ownOrigin;
  // A JSON body needs a CORS preflight from any other origin, which this server never grants.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '') || (origin !== undefined && origin !== own)) {
    req.resume();
    sendText(res, 403, 'Only the app itself can change the allowlist.');
    return;
  }
  let body: string;
  try {
    body = await readSmallBody(req, 4096);
  } catch (error) {
    sendText(res, 413, error instanceof Error ? error.message : String(error));
    return;
  }
  let wanted: string;
  try {
    wanted = requestedOrigin(body);
  } catch (error) {
    sendText(res, 400, `Not added: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!allowed.has(wanted)) {
    await saveTarget(state.configFile!, wanted);
    allowed.add(wanted);
    targets.push(wanted);
  }
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ targets, canAddTargets: true }));
}

function readSmallBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`The request body is larger than ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Why this request may not change the allowlist, or null when it may. */
export function allowlistEditRefusal(req: IncomingMessage, config: Pick<ProxyConfig, 'allowAddingTargets'>, file: string | undefined): string | null {
  if (!file) return 'this server has no proxy config file to save the allowlist to';
  if (config.allowAddingTargets) return null;
  const why = 'only the user of a local install can add services (the operator can allow it with "allowAddingTargets")';
  if (!isLoopbackAddress(req.socket.remoteAddress)) return `the request does not come from this computer; ${why}`;
  if (!isLoopbackHost(req.headers.host)) return `the app is not opened by a loopback address; ${why}`;
  const bound = (req.socket as { server?: Server }).server?.address();
  if (!bound || typeof bound === 'string' || !isLoopbackAddress(bound.address)) {
    return `the app is served on a network address, not on loopback only; ${why}`;
  }
  return null;
}

/** The origin a POST /proxy/targets body asks for (`{"origin": "https://..."}`), normalised. */
export function requestedOrigin(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ProxyConfigError('the body must be JSON such as {"origin": "https://archive.example.org"}');
  }
  const origin = (parsed as { origin?: unknown } | null)?.origin;
  if (typeof origin !== 'string') throw new ProxyConfigError('the body must name an "origin"');
  return normalizeOrigin(origin);
}

/**
 * Adds `origin` to the targets of the config file, keeping everything else in it (and
 * leaving out origins that came from the environment). Written to a temporary file
 * first, then renamed, so that a failure never leaves half a file.
 */
export async function saveTarget(file: string, origin: string): Promise<void> {
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ProxyConfigError(`${file} is not a JSON object`);
    raw = parsed as Record<string, unknown>;
  }
  const targets = Array.isArray(raw.targets) ? raw.targets.filter((t): t is string => typeof t === 'string') : [];
  if (!targets.some((t) => safeOrigin(t) === origin)) targets.push(origin);
  const next = { ...raw, targets };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

function safeOrigin(entry: string): string | null {
  try {
    return normalizeOrigin(entry);
  } catch {
    return null;
  }
}
