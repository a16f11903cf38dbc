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
