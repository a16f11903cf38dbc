import { describe, expect, it } from 'vitest';
import { parseProxyPath, toProxiedUrl } from './targets.ts';

describe('proxied URL form', () => {
  it('maps a service URL to /proxy/<scheme>/<host:port>/<path> and back', () => {
    const upstream = new URL('http://127.0.0.1:8080/tap/async?LAST=5');
    const proxied = toProxiedUrl('http://127.0.0.1:4173', upstream);
    expect(proxied).toBe('http://127.0.0.1:4173/proxy/http/127.0.0.1:8080/tap/async?LAST=5');
    expect(parseProxyPath(new URL(proxied).pathname + new URL(proxied).search)).toEqual({
      kind: 'target',
      origin: 'http://127.0.0.1:8080',
      path: '/tap/async?LAST=5',
      anonymous: false,
      mount: '/proxy/http/127.0.0.1:8080',
    });
  });

  it('omits default ports and keeps IPv6 hosts bracketed', () => {
    expect(toProxiedUrl('https://d.example', new URL('https://a.example:443/tap'))).toBe('https://d.example/proxy/https/a.example/tap');
    expect(parseProxyPath('/proxy/http/[::1]:8080/tap')).toMatchObject({ origin: 'http://[::1]:8080', path: '/tap' });
    expect(parseProxyPath('/proxy/https/a.example:443?x')).toMatchObject({ origin: 'https://a.example', path: '/?x' });
  });

  it('recognises the index, the anonymous form and paths that are not the proxy\'s', () => {
    expect(parseProxyPath('/proxy/')).toEqual({ kind: 'index' });
    expect(parseProxyPath('/proxy')).toEqual({ kind: 'index' });
    expect(parseProxyPath('/proxy/anon/https/a.example/j')).toMatchObject({ anonymous: true, origin: 'https://a.example', path: '/j' });
    expect(parseProxyPath('/proxyx/http/a.example/')).toEqual({ kind: 'other' });
    expect(parseProxyPath('/job?url=/proxy/http/a')).toEqual({ kind: 'other' });
  });

  it.each(['/proxy/gopher/a.example/', '/proxy/http//x', '/proxy/http/a.example:0x50/', '/proxy/http/a_b.example/', '/proxy/http/a.example/x y'])(
    'rejects %s as malformed',
    (path) => {
      expect(parseProxyPath(path).kind).toBe('malformed');
    },
  );
});
