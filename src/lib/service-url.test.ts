import { describe, expect, it } from 'vitest';
import { findServiceByUrl, isTransientService, normalizeTapUrl, PRESET_SERVICES } from './service-url';

describe('normalizeTapUrl', () => {
  it('accepts what users paste from archive pages', () => {
    expect(normalizeTapUrl('  http://archive.eso.org/tap_obs/ ')).toBe('http://archive.eso.org/tap_obs');
    expect(normalizeTapUrl('https://example.org/tap/async/')).toBe('https://example.org/tap');
    expect(normalizeTapUrl('http://127.0.0.1:8421/tap')).toBe('http://127.0.0.1:8421/tap');
  });

  it('rejects what is not an http(s) URL with a message that says why', () => {
    expect(() => normalizeTapUrl('')).toThrow(/Enter the URL/);
    expect(() => normalizeTapUrl('archive.eso.org/tap_obs')).toThrow(/not a URL/);
    expect(() => normalizeTapUrl('ftp://archive.eso.org/tap')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => normalizeTapUrl('http://me:secret@archive.eso.org/tap')).toThrow(/credential/);
  });
});

describe('findServiceByUrl', () => {
  it('an unknown URL from a link gives a transient service without credential', () => {
    const svc = findServiceByUrl(PRESET_SERVICES, 'https://other.example/tap/');
    expect(svc.tapUrl).toBe('https://other.example/tap');
    expect(svc.credential).toEqual({ kind: 'none' });
    expect(isTransientService(svc)).toBe(true);
  });

  it('a link to a known service, written differently, opens that service', () => {
    const svc = findServiceByUrl(PRESET_SERVICES, 'https://archive.eso.org/tap_obs/async/');
    expect(svc.id).toBe('eso-tap-obs');
    expect(isTransientService(svc)).toBe(false);
  });
});
