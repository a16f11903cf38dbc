import { describe, expect, it } from 'vitest';
import { isProxiedUrl, proxiedUrl, proxiedUrlOnServiceOrigin, unproxiedUrl } from './proxy';

const app = 'http://127.0.0.1:4173';

describe('proxy URLs', () => {
  it('maps a service URL under /proxy/ and back', () => {
    const p = proxiedUrl('http://archive.eso.org:8080/tap_obs?x=1', app);
    expect(p).toBe('http://127.0.0.1:4173/proxy/http/archive.eso.org:8080/tap_obs?x=1');
    expect(isProxiedUrl(p, app)).toBe(true);
    expect(unproxiedUrl(p, app)).toBe('http://archive.eso.org:8080/tap_obs?x=1');
  });

  it('leaves other URLs alone', () => {
    expect(isProxiedUrl('https://example.org/tap', app)).toBe(false);
    expect(unproxiedUrl('https://example.org/tap', app)).toBe('https://example.org/tap');
  });
});

describe('URLs of a service reached through the proxy', () => {
  const tap = 'http://127.0.0.1:8080/tap';

  it('maps any URL on the service origin, under its TAP URL or not', () => {
    expect(proxiedUrlOnServiceOrigin('http://127.0.0.1:8080/tap/async/abc', tap, app)).toBe(
      'http://127.0.0.1:4173/proxy/http/127.0.0.1:8080/tap/async/abc',
    );
    expect(proxiedUrlOnServiceOrigin('http://127.0.0.1:8080/__system__/tap/run/async/x1?y=2', tap, app)).toBe(
      'http://127.0.0.1:4173/proxy/http/127.0.0.1:8080/__system__/tap/run/async/x1?y=2',
    );
  });

  it('accepts the service by its proxied URL too, and default ports written or not', () => {
    expect(proxiedUrlOnServiceOrigin('http://dc.example.org:80/run/async/7', proxiedUrl('http://dc.example.org/tap', app), app)).toBe(
      'http://127.0.0.1:4173/proxy/http/dc.example.org/run/async/7',
    );
  });

  it('leaves URLs on other origins, already proxied or not parseable alone', () => {
    expect(proxiedUrlOnServiceOrigin('http://127.0.0.1:8081/tap/async/abc', tap, app)).toBe('http://127.0.0.1:8081/tap/async/abc');
    expect(proxiedUrlOnServiceOrigin('https://127.0.0.1:8080/tap/async/abc', tap, app)).toBe('https://127.0.0.1:8080/tap/async/abc');
    const via = 'http://127.0.0.1:4173/proxy/http/127.0.0.1:8080/tap/async/abc';
    expect(proxiedUrlOnServiceOrigin(via, tap, app)).toBe(via);
    expect(proxiedUrlOnServiceOrigin('not a url', tap, app)).toBe('not a url');
  });
});

describe('proxy allowlist', () => {
  it('matches a service by origin, default ports written or not', async () => {
    const { proxyForwardsTo } = await import('./proxy');
    const info = { targets: ['http://archive.eso.org:80', 'http://127.0.0.1:8434'], canAddTargets: false };
    expect(proxyForwardsTo(info, 'http://archive.eso.org/tap_obs')).toBe(true);
    expect(proxyForwardsTo(info, 'http://127.0.0.1:8434/tap')).toBe(true);
    expect(proxyForwardsTo(info, 'https://archive.eso.org/tap_obs')).toBe(false);
  });
});
