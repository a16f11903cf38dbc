import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../http/errors';
import { parseTable, parseTableset } from './tables';

const fixtures = import.meta.glob<string>('./fixtures/*', { query: '?raw', import: 'default', eager: true });
const fixture = (name: string) => fixtures[`./fixtures/${name}`]!;

describe('parseTableset', () => {
  it('reads schemas, tables and columns with unit, UCD, datatype, flags and foreign keys (demo service)', () => {
    const schemas = parseTableset(fixture('demo-tables.xml'), 'http://x/tap/tables', true);
    expect(schemas.map((s) => s.name)).toEqual(['TAP_SCHEMA', 'demo']);
    const stars = schemas[1]!.tables.find((t) => t.name === 'demo.stars')!;
    expect(stars.schema).toBe('demo');
    const ra = stars.columns!.find((c) => c.name === 'ra')!;
    expect(ra).toMatchObject({ unit: 'deg', ucd: 'pos.eq.ra;meta.main', datatype: 'double', principal: true });
    expect(stars.columns!.find((c) => c.name === 'id')!.indexed).toBe(true);
    expect(stars.columns!.find((c) => c.name === 'designation')!.datatype).toBe('char(*)');
    const tables = schemas[0]!.tables.find((t) => t.name === 'TAP_SCHEMA.tables')!;
    expect(tables.foreignKeys[0]).toMatchObject({ targetTable: 'TAP_SCHEMA.schemas', columns: [{ from: 'schema_name', target: 'schema_name' }] });
  });

  it('reads a DaCHS tableset, whose primary flags and prefixes differ', () => {
    const schemas = parseTableset(fixture('dachs-tables.xml'), 'http://x/tap/tables', true);
    const stars = schemas.flatMap((s) => s.tables).find((t) => t.name === 'demo.stars')!;
    expect(stars.columns!.find((c) => c.name === 'id')).toMatchObject({ primary: true, indexed: true, ucd: 'meta.id;meta.main' });
  });

  it('knows that detail=min tables still need their columns read', () => {
    const schemas = parseTableset(fixture('demo-tables-min.xml'), 'http://x/tap/tables?detail=min', false);
    const all = schemas.flatMap((s) => s.tables);
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((t) => t.columns === null)).toBe(true);
  });

  it('says what it got instead of a tableset', () => {
    expect(() => parseTableset('<html><body>Login</body></html>', 'http://x/tap/tables', true)).toThrow(ProtocolError);
  });
});

describe('parseTable', () => {
  it('reads one table document', () => {
    const xml = `<vosi:table xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0"><name>s.t</name><column><name>a</name><unit>mag</unit></column></vosi:table>`;
    expect(parseTable(xml, 'http://x/tap/tables/s.t', 's')).toMatchObject({ name: 's.t', schema: 's', columns: [{ name: 'a', unit: 'mag' }] });
  });
});
