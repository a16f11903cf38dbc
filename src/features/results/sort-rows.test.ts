import { describe, expect, it } from 'vitest';
import { parseVotable } from '../../protocol/votable/parse-votable';
import { nextSort, sortPermutation } from './sort-rows';

const xml = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results"><TABLE>
<FIELD name="id" datatype="char" arraysize="*"/>
<FIELD name="mag" datatype="double"/>
<FIELD name="flux" datatype="float"/>
<FIELD name="big" datatype="long"/>
<FIELD name="flag" datatype="boolean"/>
<FIELD name="pair" datatype="int" arraysize="2"/>
<DATA><TABLEDATA>
<TR><TD>a</TD><TD>2.5</TD><TD>1</TD><TD>9007199254740993</TD><TD>T</TD><TD>1 2</TD></TR>
<TR><TD>b</TD><TD></TD><TD>NaN</TD><TD>-5</TD><TD>F</TD><TD>3 4</TD></TR>
<TR><TD>c</TD><TD>-1</TD><TD>-Inf</TD><TD>9007199254740992</TD><TD>?</TD><TD>5 6</TD></TR>
<TR><TD></TD><TD>2.5</TD><TD>+Inf</TD><TD></TD><TD>T</TD><TD>7 8</TD></TR>
<TR><TD>B</TD><TD>NaN</TD><TD>0</TD><TD>-9223372036854775807</TD><TD>F</TD><TD>9 10</TD></TR>
<TR><TD>a</TD><TD>-1</TD><TD>-0.5</TD><TD>0</TD><TD>T</TD><TD>11 12</TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

const table = parseVotable(xml).tables[0]!;
const ids = (order: Uint32Array) => [...order].map((row) => table.cell(row, 0));
const column = (order: Uint32Array, col: number) => [...order].map((row) => table.cell(row, col));

describe('sorting rows by a column', () => {
  it('orders doubles ascending with nulls and NaN last, equal values in table order', () => {
    const order = sortPermutation(table, { column: 1, direction: 'ascending' });
    expect([...order]).toEqual([2, 5, 0, 3, 1, 4]);
  });

  it('orders descending with nulls still last and ties still in table order', () => {
    const order = sortPermutation(table, { column: 1, direction: 'descending' });
    expect([...order]).toEqual([0, 3, 2, 5, 1, 4]);
  });

  it('puts infinities at the ends of a float column', () => {
    const order = sortPermutation(table, { column: 2, direction: 'ascending' });
    expect(column(order, 2)).toEqual([-Infinity, -0.5, 0, 1, Infinity, null]);
  });

  it('compares longs beyond 2^53 exactly', () => {
    const order = sortPermutation(table, { column: 3, direction: 'descending' });
    expect(column(order, 3)).toEqual([9007199254740993n, 9007199254740992n, 0, -5, -9223372036854775807n, null]);
  });

  it('orders strings by code point, null last', () => {
    const order = sortPermutation(table, { column: 0, direction: 'ascending' });
    expect(ids(order)).toEqual(['B', 'a', 'a', 'b', 'c', null]);
    expect([...order].slice(1, 3)).toEqual([0, 5]);
  });

  it('orders booleans false before true, unknown last', () => {
    const order = sortPermutation(table, { column: 4, direction: 'ascending' });
    expect(column(order, 4)).toEqual([false, false, true, true, true, null]);
  });

  it('leaves array columns in table order', () => {
    expect([...sortPermutation(table, { column: 5, direction: 'descending' })]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('cycles a header through ascending, descending and unsorted', () => {
    const first = nextSort(null, 2);
    expect(first).toEqual({ column: 2, direction: 'ascending' });
    const second = nextSort(first, 2);
    expect(second).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(second, 2)).toBeNull();
    expect(nextSort(second, 1)).toEqual({ column: 1, direction: 'ascending' });
  });
});
