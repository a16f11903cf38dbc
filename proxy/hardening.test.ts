import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServers, setup } from './test-servers.ts';

afterEach(closeServers);

/** A GET with a chosen Host header (fetch does not let a caller set one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host names (DNS rebinding)', () => {
  it('answers loopback names and IP addresses, refuses any other name', async () => {
    const { base, up } = await setup((_q, res) => res.end('ok'));
    const path = `${base}/tap/async`;
    expect((await getWithHost(path, 'localhost:5173')).status).toBe(200);
    expect((await getWithHost(path, 'app.localhost')).status).toBe(200);
    expect((await getWithHost(path, '127.0.0.1:5173')).status).toBe(200);
    expect((await getWithHost(path, '[::1]:5173')).status).toBe(200);
    const refused = await getWithHost(path, 'rebind.attacker.example:5173');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('"rebind.attacker.example"');
    expect((await getWithHost(path, 'localhost.attacker.example')).status).toBe(403);
    expect(up.seen).toHaveLength(4);
  });

  it("also answers publicOrigin's host and the configured names", async () => {
    const { base } = await setup((_q, res) => res.end('ok'), [], {
      publicOrigin: 'https://desk.example.org',
      allowedHosts: ['desk.lan'],
    });
    expect((await getWithHost(`${base}/tap`, 'desk.example.org')).status).toBe(200);
    expect((await getWithHost(`${base}/tap`, 'DESK.LAN:8000')).status).toBe(200);
    expect((await getWithHost(`${base}/tap`, 'other.example.org')).status).toBe(403);
  });
});

describe('Refresh headers', () => {
  it('are rewritten into the proxy like Location, or dropped when they lead off the allowlist', async () => {
    const refreshes: Record<string, string> = {
      '/same': '0;url=/tap/async/1',
      '/absolute': "5; URL='ORIGIN/tap/async/2'",
      '/away': '0;url=http://evil.example/',
      '/scheme': '0; url=javascript:alert(1)',
      '/reload': '30',
    };
    const { base, up } = await setup((req, res) => {
      res.writeHead(200, { refresh: refreshes[req.url ?? '']!.replace('ORIGIN', up.origin) });
      res.end();
    });
    const refreshOf = async (path: string) => (await fetch(`${base}${path}`)).headers.get('refresh');
    expect(await refreshOf('/same')).toBe(`0; url=${base}/tap/async/1`);
    expect(await refreshOf('/absolute')).toBe(`5; url=${base}/tap/async/2`);
    expect(await refreshOf('/away')).toBeNull();
    expect(await refreshOf('/scheme')).toBeNull();
    expect(await refreshOf('/reload')).toBe('30');
  });
});

describe('upstream timeouts', () => {
  it('answers 504 with the reason when the upstream stays silent', async () => {
    const { base } = await setup(() => undefined, [], { idleTimeoutSeconds: 0.3 });
    const res = await fetch(`${base}/tap/async?WAIT=600`);
    expect(res.status).toBe(504);
    expect(await res.text()).toMatch(/gave up on http:\/\/127\.0\.0\.1:\d+: no data for 0\.3 s/);
  });
});

describe("the proxy's own answers", () => {
  it('keep a sandbox policy, nosniff and no cache on refusals', async () => {
    const { app } = await setup((_q, res) => res.end('ok'));
    const res = await fetch(`${app.origin}/proxy/http/not-allowed.example/tap`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
