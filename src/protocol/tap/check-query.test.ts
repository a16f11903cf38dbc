import { describe, expect, it } from 'vitest';
import { NetworkError } from '../http/errors';
import { fakeFetch } from '../http/fake-fetch';
import { createTransport } from '../http/transport';
import { checkQuery } from './check-query';

const TAP = 'http://127.0.0.1:8080/tap';
const error = (message: string) =>
  `<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">${message}</INFO></RESOURCE></VOTABLE>`;

function service(status: number, body: string) {
  const fake = fakeFetch(() => ({ status, body, headers: { 'content-type': 'application/x-votable+xml' } }));
  return { fake, transport: createTransport({ fetch: fake.fetch }) };
}

describe('checkQuery', () => {
  it('asks the sync endpoint for no rows and lists the columns the query would return', async () => {
    const { fake, transport } = service(
      200,
      `<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE><FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra"/><FIELD name="designation" datatype="char" arraysize="*"/><DATA><TABLEDATA/></DATA></TABLE></RESOURCE></VOTABLE>`,
    );
    const result = await checkQuery(TAP, transport, { query: 'SELECT ra, designation FROM demo.stars' });
    expect(result).toEqual({
      ok: true,
      columns: [
        { name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra' },
        { name: 'designation', datatype: 'char(*)', unit: '', ucd: '' },
      ],
    });
    const sent = fake.requests[0]!;
    expect(sent.url).toBe(`${TAP}/sync`);
    expect(sent.form?.get('MAXREC')).toBe('0');
    expect(sent.form?.get('REQUEST')).toBe('doQuery');
  });

  it('gives the error and its spot when the service answers 200 with an error document (DaCHS)', async () => {
    const { transport } = service(200, error('Could not parse your query: Expected boolean expression, found end of text  (at char 42), (line:1, col:43)'));
    const result = await checkQuery(TAP, transport, { query: 'SELECT ra, dec FROM demo.stars WHERE mag <' });
    expect(result).toMatchObject({ ok: false, position: { from: 41, to: 42 } });
  });

  it('gives the error and its spot when the service answers 400', async () => {
    const { transport } = service(400, error('ADQL syntax error at line 1, column 8: unexpected FROM'));
    const result = await checkQuery(TAP, transport, { query: 'SELECT FROM demo.stars' });
    expect(result).toMatchObject({ ok: false, message: 'ADQL syntax error at line 1, column 8: unexpected FROM', position: { from: 7, to: 11 } });
  });

  it('lets a failure to reach the service through as such', async () => {
    const fake = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(checkQuery(TAP, createTransport({ fetch: fake.fetch }), { query: 'SELECT 1' })).rejects.toBeInstanceOf(NetworkError);
  });
});
