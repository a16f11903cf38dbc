import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProxyConfig, parseProxyConfig, ProxyConfigError } from './config.ts';

describe('proxy config', () => {
  it('normalises origins and removes duplicates', () => {
    expect(parseProxyConfig({ targets: ['HTTP://Archive.Example.org:80', 'http://archive.example.org/', 'https://x.org:8443'] }).targets).toEqual([
      'http://archive.example.org',
      'https://x.org:8443',
    ]);
  });

  it.each([
    [{ targets: ['http://archive.example.org/tap'] }, /without a path; use http:\/\/archive.example.org/],
    [{ targets: ['ftp://archive.example.org'] }, /only http and https/],
    [{ targets: ['http://user:pw@archive.example.org'] }, /credentials/],
    [{ targets: ['archive.example.org'] }, /not a URL/],
    [{ targets: 'http://archive.example.org' }, /array/],
    [{ allow: [] }, /unknown key/],
    [[], /JSON object/],
    [{ targets: [], publicOrigin: 'https://desk.example.org/app' }, /without a path/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseProxyConfig(raw)).toThrow(ProxyConfigError);
    expect(() => parseProxyConfig(raw)).toThrow(message);
  });

  it('reads proxy.config.json from the directory and adds origins from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-config-'));
    writeFileSync(join(dir, 'proxy.config.json'), JSON.stringify({ targets: ['http://127.0.0.1:8080'], publicOrigin: 'https://desk.example.org' }));
    const config = loadProxyConfig(dir, { UWS_DESK_PROXY_TARGETS: 'https://a.example, http://b.example:81' });
    expect(config.targets).toEqual(['http://127.0.0.1:8080', 'https://a.example', 'http://b.example:81']);
    expect(config.publicOrigin).toBe('https://desk.example.org');
  });

  it('refuses everything when there is no config file, and fails when a named file is missing or invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-config-'));
    expect(loadProxyConfig(dir, {}).targets).toEqual([]);
    expect(() => loadProxyConfig(dir, { UWS_DESK_PROXY_CONFIG: 'nope.json' })).toThrow(/does not exist/);
    writeFileSync(join(dir, 'bad.json'), '{ targets: [');
    expect(() => loadProxyConfig(dir, {}, 'bad.json')).toThrow(/not valid JSON/);
  });

  it('accepts the shipped proxy.config.json', () => {
    expect(loadProxyConfig(join(import.meta.dirname, '..'), {}).targets.length).toBeGreaterThan(0);
  });
});
