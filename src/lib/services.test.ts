// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

async function freshModule() {
  vi.resetModules();
  return import('./services');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('normalizeTapUrl', () => {
  it('accepts what users paste from archive pages', async () => {
    const { normalizeTapUrl } = await freshModule();
    expect(normalizeTapUrl('  http://archive.eso.org/tap_obs/ ')).toBe('http://archive.eso.org/tap_obs');
    expect(normalizeTapUrl('https://example.org/tap/async/')).toBe('https://example.org/tap');
    expect(normalizeTapUrl('http://127.0.0.1:8421/tap')).toBe('http://127.0.0.1:8421/tap');
  });

  it('rejects what is not an http(s) URL with a message that says why', async () => {
    const { normalizeTapUrl } = await freshModule();
    expect(() => normalizeTapUrl('')).toThrow(/Enter the URL/);
    expect(() => normalizeTapUrl('archive.eso.org/tap_obs')).toThrow(/not a URL/);
    expect(() => normalizeTapUrl('ftp://archive.eso.org/tap')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => normalizeTapUrl('http://me:secret@archive.eso.org/tap')).toThrow(/credential/);
  });
});

describe('service store', () => {
  it('starts with the demo service first, then the ESO services', async () => {
    const { services } = snapshotOf(await freshModule());
    expect(services.map((s) => s.label)).toEqual(['uws-desk demo', 'ESO tap_obs', 'ESO tap_cat']);
  });

  it('remembers a custom service across a reload', async () => {
    let mod = await freshModule();
    mod.addService({ tapUrl: 'https://example.org/tap/', label: 'Example' });
    mod = await freshModule();
    const { services } = snapshotOf(mod);
    expect(services.find((s) => s.tapUrl === 'https://example.org/tap')?.label).toBe('Example');
  });

  it('keeps a bearer token only for the session unless asked to remember it', async () => {
    let mod = await freshModule();
    const svc = mod.addService({ tapUrl: 'https://example.org/tap', credential: { kind: 'bearer', token: 'sekrit' } });
    expect(localStorage.getItem('uws-desk:services:v1')).not.toContain('sekrit');
    mod = await freshModule();
    expect(snapshotOf(mod).services.find((s) => s.id === svc.id)?.credential).toEqual({ kind: 'bearer', token: 'sekrit' });
    sessionStorage.clear();
    mod = await freshModule();
    expect(snapshotOf(mod).services.find((s) => s.id === svc.id)?.credential).toEqual({ kind: 'none' });

    mod.updateService(svc.id, { credential: { kind: 'bearer', token: 'kept' }, rememberCredential: true });
    sessionStorage.clear();
    mod = await freshModule();
    expect(snapshotOf(mod).services.find((s) => s.id === svc.id)?.credential).toEqual({ kind: 'bearer', token: 'kept' });
  });

  it('an unknown URL from a link gives a transient service without credential', async () => {
    const mod = await freshModule();
    const svc = mod.findServiceByUrl(snapshotOf(mod).services, 'https://other.example/tap/');
    expect(svc.tapUrl).toBe('https://other.example/tap');
    expect(svc.credential).toEqual({ kind: 'none' });
    expect(mod.isTransientService(svc)).toBe(true);
  });
});

function snapshotOf(mod: typeof import('./services')) {
  return { services: mod.listServices() };
}
