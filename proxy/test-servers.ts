/** Small servers on port 0 for the proxy's tests: upstreams that record what reaches them, and the proxy in front. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUwsProxy } from './middleware.ts';
import type { ProxyConfig } from './config.ts';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A tiny upstream on port 0 that records what reaches it. */
export async function upstream(route: Route): Promise<{ origin: string; host: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, seen, server };
}

export async function proxyServer(targets: string[], extra: Partial<ProxyConfig> = {}): Promise<{ origin: string; server: Server }> {
  const handler = createUwsProxy({ targets, ...extra });
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** Servers to close after each test. */
export const servers: Server[] = [];
export async function closeServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
}

export async function setup(route: Route, extraTargets: string[] = [], extra: Partial<ProxyConfig> = {}) {
  const up = await upstream(route);
  const app = await proxyServer([up.origin, ...extraTargets], extra);
  servers.push(up.server, app.server);
  return { up, app, base: `${app.origin}/proxy/http/${up.host}` };
}

