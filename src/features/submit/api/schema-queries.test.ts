import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../../lib/services';
import { createTransport } from '../../../protocol/http/transport';
import { fakeTapSchemaService, type FakeTapSchema } from '../../../protocol/tap/fake-tap-schema';
import { tableQueryOptions, tablesetQueryOptions } from './schema-queries';

let fake = fakeTapSchemaService({ tables: {} });
vi.mock('../../../api/service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: createTransport({ fetch: (...args) => fake.fetch(...args) }) }),
}));

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const tapSchema: FakeTapSchema['tables'] = {
  schemas: [{ schema_name: 'demo', description: 'Demo' }],
  tables: [{ schema_name: 'demo', table_name: 'demo.stars', table_type: 'table', description: 'Stars' }],
  columns: [{ table_name: 'demo.stars', column_name: 'ra', datatype: 'double', unit: 'deg', ucd: 'pos.eq.ra', description: 'Right ascension', principal: 1, indexed: 1 }],
  keys: [],
  key_columns: [],
};
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const vosiMin = `<vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0"><schema><name>demo</name><table><name>demo.stars</name></table></schema></vosi:tableset>`;

describe('reading the schema when VOSI /tables fails', () => {
  beforeEach(() => {
    fake = fakeTapSchemaService({ tables: {} });
  });

  it.each([
    ['missing', () => undefined],
    ['an HTML page', () => ({ status: 200, body: '<html><body>Welcome</body></html>', headers: { 'content-type': 'text/html' } })],
    ['a server error', () => ({ status: 500, body: 'Internal error' })],
    ['an empty tableset', () => ({ status: 200, body: '<vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0"/>', headers: { 'content-type': 'text/xml' } })],
  ])('reads TAP_SCHEMA instead when /tables is %s', async (_, other) => {
    fake = fakeTapSchemaService({ tables: tapSchema, other });
    const read = await client().fetchQuery(tablesetQueryOptions(service));
    expect(read.source).toBe('tap-schema');
    expect(read.schemas[0]!.tables[0]!.columns![0]).toMatchObject({ name: 'ra', unit: 'deg', indexed: true });
  });

  it('uses /tables when it answers, without asking TAP_SCHEMA', async () => {
    fake = fakeTapSchemaService({
      tables: tapSchema,
      other: (url) => ({
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: url.includes('detail=min') ? vosiMin : vosiMin.replace('</name></table>', '</name><column><name>dec</name></column></table>'),
      }),
    });
    const read = await client().fetchQuery(tablesetQueryOptions(service));
    expect(read.source).toBe('vosi');
    expect(read.schemas[0]!.tables[0]!.columns!.map((c) => c.name)).toEqual(['dec']);
    expect(fake.requests.some((r) => r.url.endsWith('/sync'))).toBe(false);
  });

  it('reads one table from TAP_SCHEMA when the service cannot give it alone in /tables', async () => {
    fake = fakeTapSchemaService({ tables: tapSchema, other: (url) => (url.endsWith('/tables/demo.stars') ? { status: 500, body: 'no' } : undefined) });
    const table = await client().fetchQuery(tableQueryOptions(service, { name: 'demo.stars', schema: 'demo', description: '', type: 'table', columns: null, foreignKeys: [] }, 'vosi'));
    expect(table.columns!.map((c) => c.name)).toEqual(['ra']);
  });

  it('says what went wrong when TAP_SCHEMA cannot be read either', async () => {
    await expect(client().fetchQuery(tablesetQueryOptions(service))).rejects.toThrow(/TAP_SCHEMA/);
  });
});
