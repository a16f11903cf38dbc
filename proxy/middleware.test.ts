import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROXY_USER_AGENT, createUwsProxy } from './middleware.ts';
import { cookieTag } from './rewrite.ts';
import { closeServers, proxyServer, servers, setup, upstream } from './test-servers.ts';

afterEach(closeServers);

const JOB_LIST = (origin: string) =>
  `<?xml-stylesheet href='/static/xsl/joblist.xsl' type='text/xsl'?><uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">` +
  `<uws:jobref id="a1" xlink:href="${origin}/__system__/tap/run/async/a1"><uws:phase>PENDING</uws:phase></uws:jobref>` +
  `<uws:jobref id="b2" xlink:href="http://elsewhere.example/tap/async/b2"><uws:phase>COMPLETED</uws:phase></uws:jobref>` +
  `</uws:jobs>`;

describe('allowlist', () => {
  it('lists the allowed targets at /proxy/ so the app can tell the proxy is there', async () => {
    const { app, up } = await setup((_q, res) => res.end());
    const res = await fetch(`${app.origin}/proxy/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ targets: [up.origin], canAddTargets: false });
  });

  it('forwards to an allowed origin with path and query unchanged', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('EXECUTING');
    });
    const res = await fetch(`${base}/tap/async/x1/phase?WAIT=3&PHASE=EXECUTING`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EXECUTING');
    expect(up.seen[0]?.url).toBe('/tap/async/x1/phase?WAIT=3&PHASE=EXECUTING');
    expect(up.seen[0]?.headers.host).toBe(up.host);
  });

  it('speaks to services as itself, not as the browser, so none answers with the HTML it keeps for browsers', async () => {
    const { base, up } = await setup((_q, res) => res.end('<VOTABLE/>'));
    await fetch(`${base}/demo/q/dl/dlmeta?ID=x`, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156' } });
    expect(up.seen[0]?.headers['user-agent']).toBe(PROXY_USER_AGENT);
  });

  it('refuses an origin outside the allowlist with 403 and a message naming it, without contacting it', async () => {
    const other = await upstream((_q, res) => res.end('should not be reached'));
    servers.push(other.server);
    const { app } = await setup((_q, res) => res.end());
    const res = await fetch(`${app.origin}/proxy/http/${other.host}/tap/async`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(`does not forward to ${other.origin}`);
    expect(other.seen).toHaveLength(0);
  });

  it('treats another scheme or port on an allowed host as a different, refused target', async () => {
    const { app, up } = await setup((_q, res) => res.end());
    const port = Number(up.host.split(':')[1]);
    expect((await fetch(`${app.origin}/proxy/https/${up.host}/tap`)).status).toBe(403);
    expect((await fetch(`${app.origin}/proxy/http/127.0.0.1:${port + 1}/tap`)).status).toBe(403);
    expect((await fetch(`${app.origin}/proxy/http/127.0.0.1/tap`)).status).toBe(403);
    expect(up.seen).toHaveLength(0);
  });

  it('answers 400 for malformed proxied URLs', async () => {
    const { app, up } = await setup((_q, res) => res.end());
    const malformed = [
      `/proxy/ftp/${up.host}/x`,
      `/proxy/http/`,
      `/proxy/http`,
      `/proxy/http/evil.example@${up.host}/x`,
      `/proxy/http/${up.host}@evil.example/x`,
      `/proxy/http/127.0.0.1:99999/x`,
      `/proxy/http/127%2e0.0.1:${up.host.split(':')[1]}/x`,
      `/proxy/http/${up.host}%2F..%2Fevil.example/x`,
      `/proxy//${up.host}/x`,
    ];
    for (const path of malformed) {
      const res = await fetch(`${app.origin}${path}`);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toMatch(/^Malformed proxy URL/);
    }
    expect(up.seen).toHaveLength(0);
  });

  it('leaves other paths to the next handler', async () => {
    const handler = createUwsProxy({ targets: [] });
    const server = createServer((req, res) =>
      handler(req, res, () => {
        res.writeHead(200);
        res.end('app');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/proxyish/x`)).text()).toBe('app');
    expect(await (await fetch(`http://127.0.0.1:${port}/job?url=x`)).text()).toBe('app');
  });

  it('refuses requests made by pages of other sites', async () => {
    const { base, up } = await setup((_q, res) => res.end('ok'));
    const res = await fetch(`${base}/tap/async`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(up.seen).toHaveLength(0);
    expect((await fetch(`${base}/tap/async`, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('answers 502 with the reason when the upstream cannot be reached', async () => {
    const closed = await upstream((_q, res) => res.end());
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const app = await proxyServer([closed.origin]);
    servers.push(app.server);
    const res = await fetch(`${app.origin}/proxy/http/${closed.host}/tap`);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(new RegExp(`could not reach ${closed.origin}: ECONNREFUSED`));
  });
});

describe('redirects', () => {
  it('keeps the 303 and rewrites an absolute Location to the proxied form', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(303, { location: `${up.origin}/__system__/tap/run/async/a1`, 'content-type': 'text/html' });
      res.end();
    });
    const res = await fetch(`${base}/tap/async`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/__system__/tap/run/async/a1`);
  });

  it('resolves a relative Location against the upstream URL', async () => {
    const { base } = await setup((_q, res) => {
      res.writeHead(302, { location: '../async/a1?x=1' });
      res.end();
    });
    const res = await fetch(`${base}/tap/sync/more`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${base}/tap/async/a1?x=1`);
  });

  it('does not pass on a redirect to a host outside the allowlist', async () => {
    for (const location of ['http://evil.example/steal', '//evil.example/steal', 'javascript:alert(1)']) {
      const { base } = await setup((_q, res) => {
        res.writeHead(303, { location });
        res.end('moved');
      });
      const res = await fetch(`${base}/tap/async`, { method: 'POST', redirect: 'manual' });
      expect(res.status, location).toBe(502);
      expect(res.headers.get('location'), location).toBeNull();
      expect(await res.text(), location).toContain('not in the proxy');
    }
  });

  it('sends a redirect to another allowed service through the anonymous form', async () => {
    const other = await upstream((_q, res) => res.end());
    servers.push(other.server);
    const { base, app } = await setup((_q, res) => {
      res.writeHead(303, { location: `${other.origin}/tap/async/z9` });
      res.end();
    }, [other.origin]);
    const res = await fetch(`${base}/tap/async`, { method: 'POST', redirect: 'manual' });
    expect(res.headers.get('location')).toBe(`${app.origin}/proxy/anon/http/${other.host}/tap/async/z9`);
  });

  it('lets a client follow the 303 of a job creation and end on the proxied job URL', async () => {
    const { base, up } = await setup((req, res, body) => {
      if (req.method === 'POST' && req.url === '/tap/async') {
        expect(body).toBe('LANG=ADQL&QUERY=SELECT+1&RUNID=t1');
        res.writeHead(303, { location: `${up.origin}/__system__/tap/run/async/a1`, 'content-type': 'text/html' });
        res.end(`<a href="${up.origin}/__system__/tap/run/async/a1">here</a>`);
      } else if (req.url === '/__system__/tap/run/async/a1') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<uws:job><uws:jobId>a1</uws:jobId></uws:job>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    const res = await fetch(`${base}/tap/async`, {
      method: 'POST',
      body: new URLSearchParams({ LANG: 'ADQL', QUERY: 'SELECT 1', RUNID: 't1' }),
    });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/__system__/tap/run/async/a1`);
    expect(await res.text()).toContain('<uws:jobId>a1</uws:jobId>');
    expect(up.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /tap/async',
      'GET /__system__/tap/run/async/a1',
    ]);
  });
});

describe('bodies', () => {
  it('rewrites allowed absolute URLs in XML job lists and leaves others alone', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(JOB_LIST(up.origin));
    });
    const res = await fetch(`${base}/tap/async`);
    const text = await res.text();
    expect(text).toContain(`xlink:href="${base}/__system__/tap/run/async/a1"`);
    expect(text).toContain('xlink:href="http://elsewhere.example/tap/async/b2"');
    expect(text).toContain(`href='/static/xsl/joblist.xsl'`);
    expect(res.headers.get('content-type')).toBe('text/xml');
  });

  it('rewrites URLs split across any chunk boundary', async () => {
    const body = JOB_LIST('ORIGIN');
    const { base, up } = await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      const bytes = Buffer.from(body.replace('ORIGIN', up.origin));
      let i = 0;
      const step = () => {
        if (i >= bytes.length) return res.end();
        res.write(bytes.subarray(i, i + 3));
        i += 3;
        setImmediate(step);
      };
      step();
    });
    const text = await (await fetch(`${base}/tap/async`)).text();
    expect(text).toBe(body.replace('ORIGIN', base));
  });

  it('does not touch lookalike URLs: a longer port, a longer host name, user info', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<a href="${up.origin}0/x">1</a><a href="${up.origin}.evil.example/x">2</a><a href="${up.origin}@evil.example/">3</a><p>${up.origin}</p>`);
    });
    const text = await (await fetch(`${base}/`)).text();
    expect(text).toBe(
      `<a href="${up.origin}0/x">1</a><a href="${up.origin}.evil.example/x">2</a><a href="${up.origin}@evil.example/">3</a><p>${base}</p>`,
    );
  });

  it('rewrites HTML bodies of 303 answers and keeps non-UTF-8 bytes intact', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(303, { location: `${up.origin}/j`, 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(Buffer.concat([Buffer.from([0xe9, 0x20]), Buffer.from(`<a href="${up.origin}/j">j</a>`)]));
    });
    const res = await fetch(`${base}/tap/async`, { method: 'POST', redirect: 'manual' });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes[0]).toBe(0xe9);
    expect(bytes.subarray(2).toString('latin1')).toBe(`<a href="${base}/j">j</a>`);
  });

  it('decodes a gzip-encoded XML body to rewrite it', async () => {
    const { base, up } = await setup((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-votable+xml', 'content-encoding': 'gzip', etag: '"v1"' });
      res.end(gzipSync(`<VOTABLE><INFO name="request" value="${up.origin}/tap/sync"/></VOTABLE>`));
    });
    const res = await fetch(`${base}/tap/async/a1/results/result`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('etag')).toBe('W/"v1"');
    expect(await res.text()).toBe(`<VOTABLE><INFO name="request" value="${base}/tap/sync"/></VOTABLE>`);
  });

  it('passes other content types through byte for byte, with their length and status', async () => {
    const csv = (origin: string) => `id,url\r\n1,${origin}/x\r\n`;
    const { base, up } = await setup((_q, res) => {
      const body = csv(up.origin);
      res.writeHead(200, { 'content-type': 'text/csv;header=present', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    const res = await fetch(`${base}/r.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv;header=present');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(csv(up.origin))));
    expect(await res.text()).toBe(csv(up.origin));
  });

  it('answers HEAD like the GET it describes', async () => {
    const { base, up } = await setup((_q, res) => {
      const body = `<a href="${up.origin}/j">j</a>`;
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
      res.end();
    });
    const res = await fetch(`${base}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('content-length')).toBeNull();
  });

  it('keeps error statuses and bodies of the upstream', async () => {
    const { base } = await setup((_q, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('No such job');
    });
    const res = await fetch(`${base}/tap/async/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('No such job');
  });

  it('streams a large body without waiting for its end', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    for (const type of ['application/octet-stream', 'application/x-votable+xml']) {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const { base } = await setup((_q, res) => {
        res.writeHead(200, { 'content-type': type });
        res.write(chunk);
        // The rest is sent only once the client has seen the first bytes.
        void released.then(() => {
          for (let i = 0; i < 80; i++) res.write(chunk);
          res.end();
        });
      });
      const res = await fetch(`${base}/big`);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done, type).toBe(false);
      release();
      let total = first.value!.byteLength;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
      }
      expect(total, type).toBe(81 * chunk.byteLength);
    }
  });

  it('streams a large request body to the upstream', async () => {
    const { base, up } = await setup((_q, res, body) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(String(body.length));
    });
    const upload = 'x'.repeat(5_000_000);
    const res = await fetch(`${base}/tap/async`, { method: 'POST', body: upload, headers: { 'content-type': 'text/plain' } });
    expect(await res.text()).toBe('5000000');
    expect(up.seen[0]?.body.length).toBe(5_000_000);
  });
});

describe('credentials', () => {
  it('forwards Authorization to its own service but not the app origin\'s cookies, Origin or Referer', async () => {
    const { base, up, app } = await setup((_q, res) => res.end('ok'));
    await fetch(`${base}/tap/async`, {
      headers: {
        authorization: 'Bearer alice-token',
        cookie: 'app_session=secret; theme=dark',
        origin: app.origin,
        referer: `${app.origin}/job?url=x`,
      },
    });
    const headers = up.seen[0]!.headers;
    expect(headers.authorization).toBe('Bearer alice-token');
    expect(headers.cookie).toBeUndefined();
    expect(headers.origin).toBeUndefined();
    expect(headers.referer).toBeUndefined();
  });

  it('stores upstream cookies under the upstream\'s proxy path and sends them back only to it', async () => {
    const other = await upstream((_q, res) => res.end('other'));
    servers.push(other.server);
    const { base, up, app } = await setup((_q, res) => {
      res.writeHead(200, { 'set-cookie': ['sid=abc123; Path=/tap; Domain=127.0.0.1; HttpOnly; SameSite=Lax', 'pref=1'] });
      res.end();
    }, [other.origin]);
    const first = await fetch(`${base}/tap/login`);
    const set = first.headers.getSetCookie();
    const tag = cookieTag(up.origin);
    expect(set).toEqual([
      `${tag}sid=abc123; Path=/proxy/http/${up.host}/tap; HttpOnly; SameSite=Lax`,
      `${tag}pref=1; Path=/proxy/http/${up.host}/`,
    ]);
    // What a browser holding those cookies (and one of the app's own) sends:
    const jar = `${tag}sid=abc123; ${tag}pref=1; app_session=secret; ${cookieTag(other.origin)}k=v`;
    await fetch(`${base}/tap/async`, { headers: { cookie: jar } });
    expect(up.seen[1]?.headers.cookie).toBe('sid=abc123; pref=1');
    await fetch(`${app.origin}/proxy/http/${other.host}/tap`, { headers: { cookie: jar } });
    expect(other.seen[0]?.headers.cookie).toBe('k=v');
  });

  it("passes a token on only under the proxy prefix the app says it belongs to, whatever redirect brought it", async () => {
    const other = await upstream((_q, res) => res.end('other'));
    servers.push(other.server);
    const { base, up, app } = await setup((_q, res) => res.end('ok'), [other.origin]);
    const scope = { 'x-uws-desk-credential-scope': `/proxy/http/${up.host}/` };
    await fetch(`${base}/tap/async`, { headers: { authorization: 'Bearer alice-token', ...scope } });
    await fetch(`${app.origin}/proxy/http/${other.host}/steal`, { headers: { authorization: 'Bearer alice-token', ...scope } });
    await fetch(`${app.origin}/proxy/http/${other.host}/steal`, {
      headers: { authorization: 'Bearer alice-token', 'x-uws-desk-credential-scope': '/' },
    });
    expect(up.seen[0]?.headers.authorization).toBe('Bearer alice-token');
    expect(up.seen[0]?.headers['x-uws-desk-credential-scope']).toBeUndefined();
    expect(other.seen.map((s) => s.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('sends nothing of the browser\'s credentials through the anonymous form', async () => {
    const { up, app } = await setup((_q, res) => res.end('ok'));
    await fetch(`${app.origin}/proxy/anon/http/${up.host}/tap/async/z9`, {
      headers: { authorization: 'Bearer alice-token', cookie: `${cookieTag(up.origin)}sid=1` },
    });
    expect(up.seen[0]?.url).toBe('/tap/async/z9');
    expect(up.seen[0]?.headers.authorization).toBeUndefined();
    expect(up.seen[0]?.headers.cookie).toBeUndefined();
  });

  it('drops response headers that would act on the app origin and sandboxes upstream pages', async () => {
    const { base } = await setup((_q, res) => {
      res.writeHead(200, {
        'content-type': 'text/html',
        'strict-transport-security': 'max-age=31536000',
        'access-control-allow-origin': '*',
        'clear-site-data': '"cookies"',
      });
      res.end('<script>alert(1)</script>');
    });
    const res = await fetch(`${base}/`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('clear-site-data')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
  });
});

describe('public origin', () => {
  let up: Awaited<ReturnType<typeof upstream>>;
  beforeEach(async () => {
    up = await upstream((_q, res) => {
      res.writeHead(303, { location: `${up.origin}/j/1` });
      res.end();
    });
    servers.push(up.server);
  });

  it('builds proxied URLs from the configured public origin when there is one', async () => {
    const handler = createUwsProxy({ targets: [up.origin], publicOrigin: 'https://desk.example.org' });
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/proxy/http/${up.host}/tap/async`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe(`https://desk.example.org/proxy/http/${up.host}/j/1`);
  });
});
