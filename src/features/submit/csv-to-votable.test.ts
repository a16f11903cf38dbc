import { describe, expect, it } from 'vitest';
import { parseCsv, prepareUpload, tableToVotable } from './csv-to-votable';

describe('CSV uploads', () => {
  it('reads quoted fields, CRLF lines and a semicolon delimiter', () => {
    const t = parseCsv('id;name;ra\r\n1;"Vega; alpha Lyr";279.23\r\n2;"say ""hi""";\r\n');
    expect(t.names).toEqual(['id', 'name', 'ra']);
    expect(t.rows).toEqual([
      ['1', 'Vega; alpha Lyr', '279.23'],
      ['2', 'say "hi"', ''],
    ]);
  });

  it('types columns as narrowly as every value allows and leaves empty cells null', () => {
    const xml = tableToVotable(parseCsv('id,ra,name\n1,10.5,a<b\n2,,c\n'), 'stars');
    expect(xml).toContain('<FIELD name="id" datatype="long"/>');
    expect(xml).toContain('<FIELD name="ra" datatype="double"/>');
    expect(xml).toContain('<FIELD name="name" datatype="char" arraysize="*"/>');
    expect(xml).toContain('<TR><TD>2</TD><TD></TD><TD>c</TD></TR>');
    expect(xml).toContain('a&lt;b');
  });

  it('refuses a CSV whose rows do not match its header', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/Line 2 .* 3 fields where the header has 2/);
  });

  it('sends a VOTable as it is and a CSV as a VOTable', async () => {
    const vot = new Blob(['<?xml version="1.0"?><VOTABLE version="1.4"></VOTABLE>']);
    expect((await prepareUpload(vot, 't')).file).toBe(vot);
    const csv = await prepareUpload(new Blob(['x,y\n1,2\n']), 't');
    expect(csv.kind).toBe('csv');
    expect(await csv.file.text()).toContain('<TABLE name="t">');
    await expect(prepareUpload(new Blob(['<html></html>']), 't')).rejects.toThrow(/not a VOTable/);
  });
});
