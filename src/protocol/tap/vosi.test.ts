import { describe, expect, it } from 'vitest';
import { NotFoundError, ProtocolError, ServiceReportedError } from '../http/errors';
import { fakeFetch } from '../http/fake-fetch';
import { createTransport } from '../http/transport';
import { getAvailability, getCapabilities, parseCapabilities } from './vosi';

const fixtures = import.meta.glob<string>('./fixtures/*', { query: '?raw', import: 'default', eager: true });
function fixture(name: string): string {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`No fixture ${name}`);
  return text;
}

const TAP = 'http://127.0.0.1:8080/tap';

function serving(body: string, status = 200) {
  const service = fakeFetch(() => ({ status, body, headers: { 'content-type': 'text/xml' } }));
  return { service, transport: createTransport({ fetch: service.fetch }) };
}

describe('getCapabilities', () => {
  it("reads DaCHS' TAPRegExt capability: formats, languages, limits and uploads", async () => {
    const { service, transport } = serving(fixture('dachs-capabilities.xml'));
    const caps = await getCapabilities(`${TAP}/`, transport);
    expect(service.requests[0]?.url).toBe(`${TAP}/capabilities`);
    expect(caps.languages).toEqual([{ name: 'ADQL', versions: ['2.0', '2.1'] }]);
    expect(caps.outputFormats).toEqual([
      { mime: 'text/csv;header=present', aliases: ['csv'] },
      { mime: 'application/json', aliases: ['json'] },
      { mime: 'application/x-votable+xml', aliases: ['votable'] },
      { mime: 'application/x-votable+xml;serialization=TABLEDATA', aliases: ['text/xml', 'votable/td', 'votabletd'] },
    ]);
    expect(caps.maxRec).toEqual({ default: 20000, hard: 20000000 });
    expect(caps.executionDuration).toEqual({ default: 3600, hard: null });
    expect(caps.retentionPeriod).toEqual({ default: 172800, hard: null });
    expect(caps.uploadMethods).toEqual(['ivo://ivoa.net/std/TAPRegExt#upload-inline', 'ivo://ivoa.net/std/TAPRegExt#upload-http']);
    expect(caps.uploadLimit).toBe(20000000);
  });

  it('finds the TAP capability among others and ignores limits given in other units', () => {
    const caps = parseCapabilities(fixture('capabilities-other-service.xml'), 'https://tap.example.org/tap/capabilities');
    expect(caps.languages.map((l) => l.name)).toEqual(['ADQL', 'PQL']);
    expect(caps.outputFormats[1]).toEqual({ mime: 'text/csv', aliases: [] });
    expect(caps.maxRec).toEqual({ default: 1000, hard: null });
    expect(caps.executionDuration).toEqual({ default: 600, hard: 7200 });
    expect(caps.retentionPeriod).toEqual({ default: 604800, hard: 2592000 });
    expect(caps.uploadLimit).toBe(100000000);
  });

  it('rejects a capabilities document without a TAP capability', () => {
    const xml = '<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"><capability standardID="ivo://ivoa.net/std/VOSI#availability"/></vosi:capabilities>';
    expect(() => parseCapabilities(xml, `${TAP}/capabilities`)).toThrow(/no TAP capability/);
  });

  it('rejects an HTML page with the status and content type', async () => {
    const { transport } = serving('<!DOCTYPE html><html><head><title>Welcome</title></head></html>');
    const error = (await getCapabilities(TAP, transport).catch((e: unknown) => e)) as ProtocolError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/HTML page titled "Welcome"/);
  });

  it('raises a VOTable error document', async () => {
    const { transport } = serving('<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="ERROR">capabilities disabled</INFO></RESOURCE></VOTABLE>');
    await expect(getCapabilities(TAP, transport)).rejects.toBeInstanceOf(ServiceReportedError);
  });
});

describe('getAvailability', () => {
  it("reads DaCHS' availability", async () => {
    const { service, transport } = serving(fixture('dachs-availability.xml'));
    expect(await getAvailability(TAP, transport)).toEqual({ available: true, note: null });
    expect(service.requests[0]?.url).toBe(`${TAP}/availability`);
  });

  it('reads a service that is down, with its notes', async () => {
    const { transport } = serving(fixture('availability-down.xml'));
    expect(await getAvailability(TAP, transport)).toEqual({ available: false, note: 'Database maintenance until 06:00 UTC.\nAsync jobs are kept.' });
  });

  it('counts a 503 as not available', async () => {
    const { transport } = serving('Service Unavailable', 503);
    const availability = await getAvailability(TAP, transport);
    expect(availability.available).toBe(false);
    expect(availability.note).toMatch(/HTTP 503/);
  });

  it('raises a missing availability endpoint', async () => {
    const { transport } = serving('nope', 404);
    await expect(getAvailability(TAP, transport)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a document that is not an availability document', async () => {
    const { transport } = serving(fixture('dachs-capabilities.xml'));
    await expect(getAvailability(TAP, transport)).rejects.toThrow(/Expected a VOSI availability document, but received <cap:capabilities>/);
  });
});

describe('service functions', () => {
  it('reads the user-defined functions of a DaCHS capabilities document', () => {
    const caps = parseCapabilities(fixture('dachs-capabilities.xml'), 'http://x/tap/capabilities');
    const names = caps.functions!.map((f) => f.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /^[A-Za-z_]\w*$/.test(n))).toBe(true);
    expect(caps.functions![0]!.form).toContain('(');
  });
});

describe('login', () => {
  const caps = (interfaces: string) =>
    `<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess">${interfaces}</capability></vosi:capabilities>`;
  it('is required when every interface names a login method', () => {
    const xml = caps('<interface role="std"><accessURL>https://x/tap</accessURL><securityMethod standardID="ivo://ivoa.net/sso#BasicAA"/></interface>');
    expect(parseCapabilities(xml, 'https://x/tap/capabilities').loginRequired).toBe(true);
  });
  it('is not required when an interface is anonymous, or names no method', () => {
    const anonymousToo = caps('<interface><accessURL>https://x/tap</accessURL><securityMethod/><securityMethod standardID="ivo://ivoa.net/sso#cookie"/></interface>');
    expect(parseCapabilities(anonymousToo, 'u').loginRequired).toBe(false);
    expect(parseCapabilities(caps('<interface><accessURL>https://x/tap</accessURL></interface>'), 'u').loginRequired).toBe(false);
    expect(parseCapabilities(fixture('dachs-capabilities.xml'), 'u').loginRequired).toBe(false);
  });
});
