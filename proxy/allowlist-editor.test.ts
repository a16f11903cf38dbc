import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProxyConfig } from './config.ts';
import { createUwsProxy } from './middleware.ts';
import { closeServers, servers } from './test-servers.ts';

afterEach(closeServers);

const ESO = 'https://archive.eso.org';

function configFile(content: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'allowlist-')), 'proxy.config.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

async function app(config: ProxyConfig, file: string | undefined, host = '127.0.0.1'): Promise<Server & { port: number }> {
  const handler = createUwsProxy(config, file === undefined ? {} : { configFile: file });
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  servers.push(server);
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

const add = (origin: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/proxy/targets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('adding a service to the allowlist from the app', () => {
  it('saves the origin to the config file, keeps the rest of it, and forwards there at once', async () => {
    const file = configFile({ $comment: 'kept', targets: ['http://127.0.0.1:8080'], publicOrigin: 'http://127.0.0.1:5173' });
    const server = await app({ targets: ['http://127.0.0.1:8080', 'http://127.0.0.1:9999'] }, file);
    const origin = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${origin}/proxy/`)).json()).toMatchObject({ canAddTargets: true });

    const res = await add(origin, { origin: 'HTTPS://archive.eso.org:443/' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { targets: string[] }).targets).toContain(ESO);
    // Targets from the environment (9999 here) are not written to the file.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      $comment: 'kept',
      targets: ['http://127.0.0.1:8080', ESO],
      publicOrigin: 'http://127.0.0.1:5173',
    });
    expect(await (await fetch(`${origin}/proxy/`)).json()).toMatchObject({ targets: expect.arrayContaining([ESO]) });
    // Adding it again changes nothing.
    await add(origin, { origin: ESO });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { targets: string[] }).targets).toEqual(['http://127.0.0.1:8080', ESO]);
  });

  it('refuses what is not an origin', async () => {
    const server = await app({ targets: [] }, configFile({ targets: [] }));
    const origin = `http://127.0.0.1:${server.port}`;
    for (const bad of ['ftp://archive.eso.org', 'https://user:pw@archive.eso.org', 'https://archive.eso.org/tap_obs', 'not a url']) {
      const res = await add(origin, { origin: bad });
      expect(res.status, bad).toBe(400);
    }
    expect((await add(origin, ['x'])).status).toBe(400);
  });

  it('refuses requests other pages could make: without JSON, from another origin or another site', async () => {
    const file = configFile({ targets: [] });
    const server = await app({ targets: [] }, file);
    const origin = `http://127.0.0.1:${server.port}`;
    const form = await fetch(`${origin}/proxy/targets`, { method: 'POST', body: new URLSearchParams({ origin: ESO }) });
    expect(form.status).toBe(403);
    expect((await add(origin, { origin: ESO }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await add(origin, { origin: ESO }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ targets: [] });
  });

  it('is refused when the app is served on a network address, unless the operator allows it', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const file = configFile({ targets: [] });
    // Served on every address, reached over loopback: still not a loopback-only app.
    const everywhere = await app({ targets: [] }, file, '0.0.0.0');
    const res = await add(`http://127.0.0.1:${everywhere.port}`, { origin: ESO });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('served on a network address');
    expect(await (await fetch(`http://127.0.0.1:${everywhere.port}/proxy/`)).json()).toMatchObject({ canAddTargets: false });
    if (external) {
      const remote = await add(`http://${external}:${everywhere.port}`, { origin: ESO });
      expect(remote.status).toBe(403);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ targets: [] });

    const allowed = await app({ targets: [], allowAddingTargets: true }, file, '0.0.0.0');
    expect((await add(`http://127.0.0.1:${allowed.port}`, { origin: ESO })).status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ targets: [ESO] });
  });

  it('is refused when there is no config file to save to', async () => {
    const server = await app({ targets: [] }, undefined);
    const res = await add(`http://127.0.0.1:${server.port}`, { origin: ESO });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no proxy config file');
  });
});
