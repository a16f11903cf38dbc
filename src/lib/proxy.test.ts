import { describe, expect, it } from 'vitest';
import { isProxiedUrl, proxiedUrl, unproxiedUrl } from './proxy';

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

describe('proxy allowlist', () => {
  it('matches a service by origin, default ports written or not', async () => {
    const { proxyForwardsTo } = await import('./proxy');
    const info = { targets: ['http://archive.eso.org:80', 'http://127.0.0.1:8434'] };
    expect(proxyForwardsTo(info, 'http://archive.eso.org/tap_obs')).toBe(true);
    expect(proxyForwardsTo(info, 'http://127.0.0.1:8434/tap')).toBe(true);
    expect(proxyForwardsTo(info, 'https://archive.eso.org/tap_obs')).toBe(false);
  });
});
