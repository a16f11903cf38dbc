import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './serve.ts';

describe('npm run serve', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'serve-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-B65QTR38.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    server = createAppServer({ dist, config: { targets: ['http://127.0.0.1:9'] } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('serves built files, hashed assets as immutable', async () => {
    const res = await fetch(`${origin}/assets/app-B65QTR38.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers client-side routes with the app, and missing files with 404', async () => {
    const route = await fetch(`${origin}/job?service=x&url=y`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
  });

  it('serves nothing outside dist', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await fetch(`${origin}${path}`);
      expect(await res.text(), path).not.toContain('secret');
    }
  });

  it('sends the security headers with the app, and a policy without inline script', async () => {
    const res = await fetch(`${origin}/jobs`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-eval';");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toContain('microphone=()');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses a Host name it was not configured for, for the app and the proxy alike (DNS rebinding)', async () => {
    const statusFor = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        request(`${origin}${path}`, { headers: { host } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    for (const path of ['/', '/proxy/']) {
      expect(await statusFor(path, 'rebound.attacker.example'), path).toBe(403);
      expect(await statusFor(path, 'localhost:8000'), path).toBe(200);
    }
  });

  it('mounts the proxy with its allowlist', async () => {
    expect(await (await fetch(`${origin}/proxy/`)).json()).toEqual({ targets: ['http://127.0.0.1:9'], canAddTargets: false });
    expect((await fetch(`${origin}/proxy/http/127.0.0.1:10/tap`)).status).toBe(403);
  });
});
