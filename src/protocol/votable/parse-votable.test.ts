import { describe, expect, it } from 'vitest';
import { parseVotable } from './parse-votable';
import { VotableError } from './types';

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

  it('refuses rows with too many cells', () => {
    expect(() => parseVotable(wrap('<FIELD name="a" datatype="int"/>', '<TR><TD>1</TD><TD>2</TD></TR>'))).toThrow(VotableError);
  });
});
