// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

async function freshModule() {
  vi.resetModules();
  return import('./service-store');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
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
});

function snapshotOf(mod: typeof import('./service-store')) {
  return { services: mod.listServices() };
}
