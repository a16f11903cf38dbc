import { describe, expect, it } from 'vitest';
import { parseVotable } from './parse-votable';

const wrap = (fields: string, rows: string, ns = 'xmlns="http://www.ivoa.net/xml/VOTable/v1.3"') =>
  `<?xml version="1.0"?>\n<VOTABLE version="1.4" ${ns}><RESOURCE type="results"><TABLE>${fields}<DATA><TABLEDATA>${rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

describe('parseVotable on TABLEDATA', () => {
  it('decodes longs beyond 2^53 as bigint and smaller ones as number', () => {
    const t = parseVotable(wrap('<FIELD name="id" datatype="long"/>', '<TR><TD>9007199254740993</TD></TR><TR><TD>-5</TD></TR><TR><TD>-9223372036854775808</TD></TR>')).tables[0]!;
    expect(t.cell(0, 0)).toBe(9007199254740993n);
    expect(t.cell(1, 0)).toBe(-5);
    expect(t.cell(2, 0)).toBe(-9223372036854775808n);
  });

  it('resolves entities and CDATA in cells', () => {
    const t = parseVotable(wrap('<FIELD name="s" datatype="char" arraysize="*"/>', '<TR><TD>a &amp; b &#x41;</TD></TR><TR><TD><![CDATA[<x>]]></TD></TR>')).tables[0]!;
    expect(t.cell(0, 0)).toBe('a & b A');
    expect(t.cell(1, 0)).toBe('<x>');
  });

  it('reports the last QUERY_STATUS with its message', () => {
    const doc = `<VOTABLE version="1.4"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE><INFO name="QUERY_STATUS" value="OVERFLOW">truncated at 1</INFO></RESOURCE></VOTABLE>`;
    expect(parseVotable(doc).queryStatus).toEqual({ status: 'OVERFLOW', message: 'truncated at 1' });
  });
});

describe('parseVotable document structure', () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<vot:VOTABLE version="1.3" xmlns:vot="http://www.ivoa.net/xml/VOTable/v1.3">
  <vot:DESCRIPTION>Two results</vot:DESCRIPTION>
  <vot:COOSYS ID="sys" system="ICRS" epoch="J2000"/>
  <vot:TIMESYS ID="ts" timeorigin="2400000.5" timescale="TCB" refposition="BARYCENTER"/>
  <vot:PARAM name="maxrec" datatype="int" value="1000"/>
  <vot:RESOURCE type="results" name="first">
    <vot:INFO name="QUERY_STATUS" value="OK"/>
    <vot:PARAM name="center" datatype="double" arraysize="2" unit="deg" value="10.5 -20.25"/>
    <vot:PARAM name="label" datatype="char" arraysize="*" value="M &amp; N"/>
    <vot:TABLE name="a" ID="ta" nrows="2">
      <vot:FIELD name="x" datatype="double" ref="sys" precision="3" width="8"><vot:LINK href="http://example.org/x" content-role="doc"/></vot:FIELD>
      <vot:DATA><vot:TABLEDATA>
        <vot:TR ID="r1">  <vot:TD>NaN</vot:TD> </vot:TR>
        <!-- between rows -->
        <vot:TR><vot:TD encoding="none-at-all"/></vot:TR>
      </vot:TABLEDATA></vot:DATA>
    </vot:TABLE>
    <vot:RESOURCE name="nested">
      <vot:TABLE name="b"><vot:FIELD name="y" datatype="int"/></vot:TABLE>
    </vot:RESOURCE>
    <vot:TABLE name="c"><vot:FIELD name="z" datatype="float"/><vot:DATA><vot:TABLEDATA><vot:TR><vot:TD>+Inf</vot:TD></vot:TR><vot:TR><vot:TD>-Infinity</vot:TD></vot:TR></vot:TABLEDATA></vot:DATA></vot:TABLE>
    <vot:INFO name="QUERY_STATUS" value="ERROR">Query timed out after 2 rows</vot:INFO>
  </vot:RESOURCE>
</vot:VOTABLE>`;

  it('refuses TD encodings it cannot read rather than guessing', () => {
    expect(() => parseVotable(doc)).toThrow(/encoding attribute/);
  });

  const parsed = parseVotable(doc.replace(' encoding="none-at-all"', ''));

  it('reads version, description, COOSYS, TIMESYS and document PARAMs', () => {
    expect(parsed.version).toBe('1.3');
    expect(parsed.description).toBe('Two results');
    expect(parsed.coosys).toEqual([{ id: 'sys', system: 'ICRS', epoch: 'J2000' }]);
    expect(parsed.timesys).toEqual([{ id: 'ts', timeorigin: '2400000.5', timescale: 'TCB', refposition: 'BARYCENTER' }]);
    expect(parsed.params[0]).toMatchObject({ name: 'maxrec', value: '1000', cell: 1000 });
  });

  it('decodes PARAM values like cells', () => {
    const [center, label] = parsed.resources[0]!.params;
    expect(center).toMatchObject({ name: 'center', unit: 'deg', cell: [10.5, -20.25] });
    expect(label).toMatchObject({ value: 'M & N', cell: 'M & N' });
  });

  it('lists tables of nested resources, flattened in tables', () => {
    expect(parsed.tables.map((t) => t.name)).toEqual(['a', 'c', 'b']);
    expect(parsed.resources[0]!.resources[0]!.tables[0]!.rowCount).toBe(0);
    expect(parsed.tables[2]!.serialization).toBeNull();
  });

  it('reads field metadata and links', () => {
    const x = parsed.tables[0]!.fields[0]!;
    expect(x).toMatchObject({ name: 'x', ref: 'sys', precision: '3', width: 8, links: [{ href: 'http://example.org/x', contentRole: 'doc' }] });
    expect(parsed.tables[0]!.declaredRows).toBe(2);
  });

  it('treats NaN and empty float cells as null and keeps infinities', () => {
    const a = parsed.tables[0]!;
    expect([a.cell(0, 0), a.cell(1, 0)]).toEqual([null, null]);
    const c = parsed.tables[1]!;
    expect([c.cell(0, 0), c.cell(1, 0)]).toEqual([Infinity, -Infinity]);
  });

  it('takes the query status from the INFO after the tables', () => {
    expect(parsed.queryStatus).toEqual({ status: 'ERROR', message: 'Query timed out after 2 rows' });
  });
});

describe('parseVotable character encodings', () => {
  const body = (decl: string, text: string) =>
    `<?xml version="1.0"${decl}?><VOTABLE><RESOURCE><TABLE><FIELD name="s" datatype="char" arraysize="*"/><DATA><TABLEDATA><TR><TD>${text}</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

  it('reads ISO-8859-1 documents', () => {
    const text = body(' encoding="ISO-8859-1"', 'Ångström');
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    expect(parseVotable(bytes).tables[0]!.cell(0, 0)).toBe('Ångström');
  });

  it('reads UTF-16 documents with a byte order mark', () => {
    const text = '\uFEFF' + body(' encoding="UTF-16"', 'Ωμέγα');
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 255;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    expect(parseVotable(bytes).tables[0]!.cell(0, 0)).toBe('Ωμέγα');
  });

  it('reads a VOTable 1.1 namespace and no namespace alike', () => {
    const v11 = body('', 'x').replace('<VOTABLE>', '<VOTABLE version="1.1" xmlns="http://www.ivoa.net/xml/VOTable/v1.1">');
    expect(parseVotable(v11).tables[0]!.cell(0, 0)).toBe('x');
  });
});
