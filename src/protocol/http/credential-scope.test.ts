import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUwsClient } from '../uws/client';
import { CREDENTIAL_SCOPE_HEADER, credentialScope, inCredentialScope } from './credential-scope';
import { fakeFetch, type FakeHandler, type FakeReply } from './fake-fetch';
import { createTransport } from './transport';

const APP = 'http://127.0.0.1:5173';
const PROXIED = `${APP}/proxy/http/127.0.0.1:8432/tap`;
const OTHER_PROXIED = `${APP}/proxy/http/127.0.0.1:8998`;
const DIRECT = 'https://tap.example.org/tap';
const TOKEN = 'secret-token-of-service-a';

const sentToken = (service: ReturnType<typeof fakeFetch>) =>
  service.requests.map((r) => [r.url, r.headers.get('authorization') !== null] as const);

describe('the scope of a proxied service', () => {
  const scope = credentialScope(PROXIED);

  it('is its own proxy prefix', () => {
    expect(scope).toEqual({ origin: APP, prefix: '/proxy/http/127.0.0.1:8432/' });
    expect(inCredentialScope(`${PROXIED}/async`, scope)).toBe(true);
    expect(inCredentialScope(`${APP}/proxy/http/127.0.0.1:8432/__system__/tap/run/async/x`, scope)).toBe(true);
  });

  it('excludes every other proxied service on the same origin', () => {
    expect(inCredentialScope(`${OTHER_PROXIED}/steal`, scope)).toBe(false);
    expect(inCredentialScope(`${APP}/proxy/https/127.0.0.1:8432/tap`, scope)).toBe(false);
    expect(inCredentialScope(`${APP}/proxy/http/127.0.0.1:84320/tap`, scope)).toBe(false);
    expect(inCredentialScope(`${APP}/proxy/http/127.0.0.1/tap`, scope)).toBe(false);
  });

  it('excludes the credential-free form of its own prefix and the rest of the app', () => {
    expect(inCredentialScope(`${APP}/proxy/anon/http/127.0.0.1:8432/tap`, scope)).toBe(false);
    expect(inCredentialScope(`${APP}/job`, scope)).toBe(false);
    expect(inCredentialScope(`${APP}/proxy/`, scope)).toBe(false);
  });

  it('cannot be left through dot segments, encoded dots, backslashes or an encoded slash', () => {
    for (const path of [
      '/proxy/http/127.0.0.1:8432/../127.0.0.1:8998/steal',
      '/proxy/http/127.0.0.1:8432/%2e%2e/127.0.0.1:8998/steal',
      '/proxy/http/127.0.0.1:8432/..\\127.0.0.1:8998\\steal',
      '/proxy/http/127.0.0.1:8432%2F..%2F127.0.0.1:8998/steal',
      '/proxy/http/127.0.0.1:8432@127.0.0.1:8998/steal',
    ]) {
      expect(inCredentialScope(`${APP}${path}`, scope), path).toBe(false);
    }
  });

  it('is the same whatever the spelling of host, scheme and default port', () => {
    const named = credentialScope(`${APP}/proxy/http/Archive.Example.org:80/tap`);
    expect(named?.prefix).toBe('/proxy/http/archive.example.org/');
    expect(inCredentialScope(`${APP}/proxy/http/archive.example.org/tap/async`, named)).toBe(true);
    expect(inCredentialScope(`HTTP://127.0.0.1:5173/proxy/http/127.0.0.1:8432/tap`, scope)).toBe(true);
  });

  it('never leaves the app: the upstream itself is another origin', () => {
    expect(inCredentialScope('http://127.0.0.1:8432/tap/async', scope)).toBe(false);
  });
});

describe('the scope of a direct service', () => {
  const scope = credentialScope(DIRECT);

  it('is its origin', () => {
    expect(inCredentialScope(`${DIRECT}/async`, scope)).toBe(true);
    expect(inCredentialScope('https://tap.example.org/__system__/tap/run/async/x', scope)).toBe(true);
    expect(inCredentialScope('http://tap.example.org/tap/async', scope)).toBe(false);
    expect(inCredentialScope('https://tap.example.org.evil.net/tap', scope)).toBe(false);
    expect(inCredentialScope('javascript:alert(1)', scope)).toBe(false);
  });

  it("never includes a proxy prefix, when the service shares the app's origin", () => {
    const sameOrigin = credentialScope(`${APP}/tap`);
    expect(inCredentialScope(`${APP}/tap/async`, sameOrigin)).toBe(true);
    expect(inCredentialScope(`${OTHER_PROXIED}/steal`, sameOrigin)).toBe(false);
    expect(inCredentialScope(`${APP}/proxy/anon/http/127.0.0.1:8998/steal`, sameOrigin)).toBe(false);
  });

  it('does not exist for a URL that is not http(s)', () => {
    expect(credentialScope('file:///etc/passwd')).toBeNull();
    expect(credentialScope('not a url')).toBeNull();
  });
});

describe('a token never leaves its service, wherever the URL comes from', () => {
  beforeEach(() => {
    vi.stubGlobal('location', new URL(`${APP}/job`));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function setUp(handler: FakeHandler) {
    const service = fakeFetch(handler);
    const transport = createTransport({ fetch: service.fetch, serviceUrl: PROXIED, credential: { kind: 'bearer', token: TOKEN } });
    const uws = createUwsClient({ listUrl: `${PROXIED}/async`, transport });
    return { service, transport, uws };
  }
  const job = (id: string) =>
    `<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" version="1.1"><uws:jobId>${id}</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`;

  it('a job URL from a link, relative or absolute', async () => {
    const { service, uws } = setUp(() => ({ body: job('x'), headers: { 'content-type': 'text/xml' } }));
    await uws.getJob('/proxy/http/127.0.0.1:8998/steal');
    await uws.getJob(`${OTHER_PROXIED}/steal`);
    await uws.getJob(`${PROXIED}/async/mine`);
    expect(sentToken(service)).toEqual([
      [`${OTHER_PROXIED}/steal`, false],
      [`${OTHER_PROXIED}/steal`, false],
      [`${PROXIED}/async/mine`, true],
    ]);
    expect(service.requests[0]?.credentials).toBe('omit');
  });

  it("job references in the service's job list", async () => {
    const list =
      '<uws:jobs xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">' +
      `<uws:jobref id="a" xlink:href="${OTHER_PROXIED}/steal/a"><uws:phase>COMPLETED</uws:phase></uws:jobref>` +
      `<uws:jobref id="b" xlink:href="${PROXIED}/async/b"><uws:phase>COMPLETED</uws:phase></uws:jobref></uws:jobs>`;
    const { service, uws } = setUp((r) => ({ body: r.url.endsWith('/async') ? list : job('j'), headers: { 'content-type': 'text/xml' } }));
    const refs = await uws.listJobs();
    for (const ref of refs) await uws.getJob(ref.href);
    expect(sentToken(service)).toEqual([
      [`${PROXIED}/async`, true],
      [`${OTHER_PROXIED}/steal/a`, false],
      [`${PROXIED}/async/b`, true],
    ]);
  });

  it("a result's href", async () => {
    const { service, transport } = setUp(() => ({ body: '<VOTABLE/>' }));
    await transport.request(`${OTHER_PROXIED}/results/1.vot`);
    await transport.request(`${PROXIED}/async/a/results/result`);
    expect(sentToken(service).map(([, sent]) => sent)).toEqual([false, true]);
  });

  it('a redirect out of the prefix carries the scope, so the proxy drops the token there', async () => {
    const { service, uws } = setUp((r): FakeReply =>
      r.method === 'POST' ? { status: 303, headers: { location: `${OTHER_PROXIED}/steal` } } : { body: job('x'), headers: { 'content-type': 'text/xml' } },
    );
    await uws.runJob(`${PROXIED}/async/a`).catch(() => undefined);
    const followed = service.requests.find((r) => r.url === `${OTHER_PROXIED}/steal`);
    expect(followed?.headers.get(CREDENTIAL_SCOPE_HEADER)).toBe('/proxy/http/127.0.0.1:8432/');
  });

  it('the scope header goes only with the token, and never to another origin', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const direct = createTransport({ fetch: service.fetch, serviceUrl: DIRECT, credential: { kind: 'bearer', token: TOKEN } });
    await direct.request(`${DIRECT}/async`);
    const anonymous = createTransport({ fetch: service.fetch, serviceUrl: PROXIED });
    await anonymous.request(`${PROXIED}/async`);
    expect(service.requests.map((r) => r.headers.has(CREDENTIAL_SCOPE_HEADER))).toEqual([false, false]);
    expect(service.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('browser cookies follow the same rule', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: PROXIED, credential: { kind: 'cookies' } });
    await transport.request(`${PROXIED}/async`);
    await transport.request(`${OTHER_PROXIED}/steal`);
    expect(service.requests.map((r) => r.credentials)).toEqual(['include', 'omit']);
  });
});
