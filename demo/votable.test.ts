import { describe, expect, test } from 'vitest';
import { ResultWriter, errorVotable, parseFormat, xmlEscape, type ResultField } from './votable.ts';

function write(format: 'td' | 'binary' | 'binary2' | 'csv', fields: ResultField[], batches: unknown[][][], overflow = false): string {
  let out = '';
  const w = new ResultWriter(format, fields, (c) => (out += c.toString()));
  w.begin();
  for (const b of batches) w.rows(b);
  w.end(overflow);
  return out;
}

describe('parseFormat', () => {
  test('knows the TAP names and short aliases, ignoring case and spaces', () => {
    expect(parseFormat(undefined)?.format).toBe('td');
    expect(parseFormat('application/x-votable+xml')?.format).toBe('td');
    expect(parseFormat('application/x-votable+xml; serialization=BINARY2')?.format).toBe('binary2');
    expect(parseFormat('votable/b')?.format).toBe('binary');
    expect(parseFormat('CSV')?.mime).toBe('text/csv;header=present');
    expect(parseFormat('application/fits')).toBeUndefined();
  });
});

describe('ResultWriter', () => {
  const fields: ResultField[] = [
    { name: 'i', datatype: 'int' },
    { name: 'l', datatype: 'long' },
    { name: 's', datatype: 'char', arraysize: '*' },
    { name: 'd', datatype: 'double' },
  ];

  test('TABLEDATA writes empty cells for nulls and long values exactly', () => {
    const x = write('td', fields, [[[1, 9007199254740993n, 'a<b', null]]]);
    expect(x).toContain('<TR><TD>1</TD><TD>9007199254740993</TD><TD>a&lt;b</TD><TD/></TR>');
    expect(x).toContain('datatype="long"');
  });

  test('base64 streams stay decodable when batches split the 3-byte groups', () => {
    const rows = Array.from({ length: 7 }, (_, k) => [k, BigInt(k), 'x'.repeat(k), k / 3]);
    const x = write('binary2', fields, [rows.slice(0, 1), rows.slice(1, 4), rows.slice(4)]);
    const b64 = /<STREAM encoding="base64">([^<]*)<\/STREAM>/.exec(x)![1]!.replace(/\s+/g, '');
    const buf = Buffer.from(b64, 'base64');
    const expectedLength = rows.reduce((n, r) => n + 1 + 4 + 8 + 4 + (r[2] as string).length + 8, 0);
    expect(buf.length).toBe(expectedLength);
    let p = 0;
    for (const r of rows) {
      p += 1;
      expect(buf.readInt32BE(p)).toBe(r[0]);
      p += 12;
      const len = buf.readUInt32BE(p);
      p += 4 + len;
      expect(buf.readDoubleBE(p)).toBe(r[3]);
      p += 8;
    }
  });

  test('the OVERFLOW INFO follows the table', () => {
    const x = write('td', fields, [], true);
    expect(x.indexOf('value="OVERFLOW"')).toBeGreaterThan(x.indexOf('</TABLE>'));
  });

  test('CSV leaves nulls empty and quotes separators', () => {
    expect(write('csv', fields, [[[null, null, 'a,"b"', NaN]]])).toBe('i,l,s,d\r\n,,"a,""b""",NaN\r\n');
  });
});

test('xmlEscape replaces characters XML cannot carry', () => {
  expect(xmlEscape('a\u0001b&"')).toBe('a\uFFFDb&amp;&quot;');
});

test('errorVotable is a DALI error document', () => {
  expect(errorVotable('bad <thing>')).toContain('<INFO name="QUERY_STATUS" value="ERROR">bad &lt;thing&gt;</INFO>');
});
