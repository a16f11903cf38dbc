import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linksServiceFor } from '../../protocol/datalink/descriptors';
import { parseVotable } from '../../protocol/votable/parse-votable';
import { tableToVoTableBlob, tabledataCell } from './votable-export';

const xml = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/>
<COOSYS ID="icrs" system="ICRS"/>
<TABLE name="stars">
<PARAM name="epoch" datatype="double" value="2016.0"/>
<FIELD name="name" datatype="char" arraysize="*"><DESCRIPTION>Name &amp; more</DESCRIPTION></FIELD>
<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main" ref="icrs"/>
<FIELD name="flux" datatype="float"/>
<FIELD name="id" datatype="long"/>
<FIELD name="n" datatype="short"><VALUES null="-1"/></FIELD>
<FIELD name="ok" datatype="boolean"/>
<FIELD name="vec" datatype="float" arraysize="3"/>
<FIELD name="band" datatype="char" arraysize="2x*"/>
<DATA><TABLEDATA>
<TR><TD>M 31 &lt;&amp;&gt;</TD><TD>10.684708333333333</TD><TD>0.1</TD><TD>9223372036854775807</TD><TD>7</TD><TD>T</TD><TD>0.1 0.2 NaN</TD><TD>g r i </TD></TR>
<TR><TD></TD><TD></TD><TD>+Inf</TD><TD></TD><TD>-1</TD><TD>?</TD><TD></TD><TD></TD></TR>
<TR><TD>two
lines</TD><TD>-0</TD><TD>1e-45</TD><TD>-1</TD><TD>3</TD><TD>F</TD><TD>1 2 3</TD><TD>u </TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

const doc = parseVotable(xml);
const table = doc.tables[0]!;

async function roundTrip(order: Uint32Array | null, chunkRows?: number) {
  const blob = await tableToVoTableBlob(doc, table, { order, chunkRows });
  return { blob, text: await blob.text(), back: parseVotable(await blob.text()) };
}

describe('VOTable export of the rows shown', () => {
  it('reads back as the same table: every value exact, nulls null, the header kept', async () => {
    const { blob, back } = await roundTrip(null);
    expect(blob.type).toBe('application/x-votable+xml');
    expect(back.warnings).toEqual([]);
    const t = back.tables[0]!;
    expect(t.rowCount).toBe(3);
    expect(t.name).toBe('stars');
    expect(t.fields.map((f) => [f.name, f.datatype, f.arraysize, f.unit, f.ucd])).toEqual(table.fields.map((f) => [f.name, f.datatype, f.arraysize, f.unit, f.ucd]));
    expect(t.fields[0]!.description).toBe('Name & more');
    expect(t.fields[4]!.nullValue).toBe('-1');
    expect(t.params[0]!.value).toBe('2016.0');
    expect(back.resources[0]!.coosys[0]!.system).toBe('ICRS');
    expect(back.queryStatus?.status).toBe('OK');
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < table.fields.length; col++) expect(t.cell(row, col), `row ${row}, ${table.fields[col]!.name}`).toEqual(table.cell(row, col));
    }
  });

  it('writes only the rows shown, in the order shown, and says how many of how many', async () => {
    const { text, back } = await roundTrip(Uint32Array.from([2, 0]), 1);
    const t = back.tables[0]!;
    expect(t.rowCount).toBe(2);
    expect(t.declaredRows).toBe(2);
    expect(t.cell(0, 0)).toBe('two\nlines');
    expect(t.cell(1, 0)).toBe('M 31 <&>');
    expect(text).toContain('<INFO name="rows" value="2 of 3">');
  });

  it('keeps the DataLink service descriptor, so the rows written keep their links', async () => {
    const dl = parseVotable(readFileSync(new URL('../../protocol/datalink/fixtures/dachs-images-result.vot', import.meta.url)));
    const t = dl.tables[0]!;
    expect(linksServiceFor(dl, t.fields)).not.toBeNull();
    const back = parseVotable(await (await tableToVoTableBlob(dl, t, { order: Uint32Array.from([0]) })).text());
    expect(back.tables[0]!.rowCount).toBe(1);
    expect(linksServiceFor(back, back.tables[0]!.fields)).toEqual(linksServiceFor(dl, t.fields));
  });

  it('leaves out characters XML cannot hold, rather than writing a document nobody can read', () => {
    expect(tabledataCell('a\u0000b\u001bc', table.fields[0]!)).toBe('abc');
  });
});
