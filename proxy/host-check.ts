import { isIP } from 'node:net';
import type { ProxyConfig } from './config.ts';

/**
 * Which Host headers the app and its proxy answer. A page on another site can point
 * its own DNS name at 127.0.0.1 (DNS rebinding) and then talk to the app as if it were
 * same-origin; the Host header still carries that foreign name. So only these are
 * accepted, as Vite's dev server does: `localhost` and `*.localhost`, IP addresses
 * (which no DNS answer can stand for), publicOrigin's host and the configured
 * `allowedHosts`.
 */
export function createHostCheck(config: Pick<ProxyConfig, 'publicOrigin' | 'allowedHosts'>): (host: string | undefined) => boolean {
  const names = new Set((config.allowedHosts ?? []).map((h) => h.toLowerCase()));
  if (config.publicOrigin) names.add(new URL(config.publicOrigin).hostname.toLowerCase());
  return (host) => {
    const name = hostnameOf(host);
    if (name === null) return false;
    if (name === 'localhost' || name.endsWith('.localhost')) return true;
    if (isIP(name.replace(/^\[|\]$/g, '')) !== 0) return true;
    return names.has(name) || names.has(name.replace(/\.$/, ''));
  };
}

/** The host name of a Host header (lower case, IPv6 in brackets), or null when it is not one. */
function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(host.trim());
  return match ? match[1]!.toLowerCase() : null;
}

export function hostRefusal(host: string | undefined): string {
  return (
    `This server does not answer to the host name ${JSON.stringify(hostnameOf(host) ?? host ?? '')}. ` +
    'Open it by its loopback address, or let the operator add the name to "allowedHosts" (or set "publicOrigin") in the proxy config.'
  );
}
