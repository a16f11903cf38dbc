import { describe, expect, it } from 'vitest';
import { createTransport } from '../http/transport';
import { parseVotable } from '../votable/parse-votable';
import { descriptorUrl, isSodaSync, linksServiceFor } from './descriptors';
import { fetchLinks } from './fetch-links';
import { isPreview, readLinks, semanticsInWords } from './links';
import dachsLinks from './fixtures/dachs-links.vot?raw';
import dachsResult from './fixtures/dachs-images-result.vot?raw';

const FIXTURES: Record<string, string> = { 'dachs-links.vot': dachsLinks, 'dachs-images-result.vot': dachsResult };
const fixture = (name: string) => FIXTURES[name]!;

describe('DataLink in a TAP result', () => {
  const result = parseVotable(fixture('dachs-images-result.vot'));
  const table = result.tables[0]!;

  it('finds the links service of a DaCHS result and calls it with the row’s publisher DID', () => {
    const links = linksServiceFor(result, table.fields);
    expect(links?.accessUrl).toBe('http://127.0.0.1:8080/demo/q/dl/dlmeta');
    const url = descriptorUrl(links!, table.fields, (c) => String(table.cell(0, c)));
    expect(new URL(url).searchParams.get('ID')).toBe('ivo://x-unregistred/~?demo/images/img0001.fits');
  });

  it('finds no links service in a result whose descriptor refers to a column the query left out', () => {
    const withoutDid = table.fields.filter((f) => f.name !== 'pub_did');
    expect(linksServiceFor(result, withoutDid)).toBeNull();
  });
});

describe('a links document', () => {
  const links = readLinks(parseVotable(fixture('dachs-links.vot')), 'http://127.0.0.1:8080/demo/q/dl/dlmeta');

  it('lists every link with its meaning in words, type and size', () => {
    expect(links.map((l) => semanticsInWords(l.semantics))).toEqual(['Auxiliary data', 'A service that processes the data', 'The data set itself', 'Preview']);
    const self = links[2]!;
    expect(self).toMatchObject({ accessUrl: 'http://127.0.0.1:8080/getproduct/demo/images/img0001.fits', contentType: 'image/fits', contentLength: 8640 });
    expect(links[0]!.contentLength).toBeNull();
    expect(links.filter(isPreview).map((l) => l.accessUrl)).toEqual(['http://127.0.0.1:8080/getproduct/demo/images/img0001.fits?preview=True']);
  });

  it('turns a service_def into the SODA cutout form’s parameters and ranges', () => {
    const soda = links[1]!.service!;
    expect(isSodaSync(soda)).toBe(true);
    expect(soda.accessUrl).toBe('http://127.0.0.1:8080/demo/q/dl/dlget');
    const circle = soda.inputParams.find((p) => p.name === 'CIRCLE')!;
    expect(circle).toMatchObject({ xtype: 'circle', unit: 'deg', arraysize: '3' });
    expect(soda.inputParams.find((p) => p.name === 'SCALE')).toMatchObject({ min: '2', max: '32' });
    expect(soda.inputParams.find((p) => p.name === 'KIND')!.options.map((o) => o.value)).toEqual(['HEADER', 'DATA']);
    const url = descriptorUrl(soda, [], () => null, { CIRCLE: '72.83 71.05 0.1' });
    expect(new URL(url).searchParams.get('ID')).toBe('ivo://x-unregistred/~?demo/images/img0001.fits');
    expect(new URL(url).searchParams.get('CIRCLE')).toBe('72.83 71.05 0.1');
    expect(new URL(url).searchParams.has('POS')).toBe(false);
  });

  it('never makes a link of a javascript: or other non-http access_url', () => {
    const text = fixture('dachs-links.vot').toString().replace('http://127.0.0.1:8080/getproduct/demo/images/img0001.fits</TD>', 'javascript:alert(1)</TD>');
    const hostile = readLinks(parseVotable(text), 'http://x/');
    expect(hostile[2]).toMatchObject({ accessUrl: null, refusedUrl: 'javascript:alert(1)' });
  });

  it('says plainly when the service answers with a web page instead of links', async () => {
    const html = '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html><body>links</body></html>';
    const fetch = (async () => new Response(html, { status: 200, headers: { 'Content-Type': 'text/html' } })) as unknown as typeof globalThis.fetch;
    await expect(fetchLinks(createTransport({ fetch }), 'http://127.0.0.1:8080/demo/q/dl/dlmeta?ID=x')).rejects.toThrow(/web page instead of a links document/);
  });
});
