import { describe, expect, it } from 'vitest';
import datalink from './fixtures/datalink-service-descriptor.vot?raw';
import irsa from './fixtures/irsa-doctype.vot?raw';
import ned from './fixtures/ned-error.vot?raw';
import { parseVotable } from './parse-votable';
import { writeVotable, type FixtureField, type FixtureValue } from './testing/fixture-writer';
import { VotableError, type Cell, type VoTable, type VoTableTable } from './types';

const table = (fields: string, data: string, attrs = '') =>
  `<VOTABLE version="1.4"><RESOURCE><TABLE${attrs}>${fields}<DATA>${data}</DATA></TABLE></RESOURCE></VOTABLE>`;
const td = (fields: string, rows: string) => table(fields, `<TABLEDATA>${rows}</TABLEDATA>`);

function cells(t: VoTableTable): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.fields.map((_, c) => t.cell(r, c)));
  return out;
}

function refusal(input: string): VotableError {
  try {
    parseVotable(input);
  } catch (err) {
    if (err instanceof VotableError) return err;
    throw err;
  }
  throw new Error('the input was accepted');
}

const codes = (doc: VoTable) => doc.warnings.map((w) => w.code);

describe('a DOCTYPE with only an external identifier', () => {
  it('is skipped, so an IRSA result is read, with a warning', () => {
    const doc = parseVotable(irsa);
    const t = doc.tables[0]!;
    expect(t.fields.map((f) => f.name)).toEqual(['ra', 'dec', 'designation', 'j_m']);
    expect(cells(t)).toEqual([
      [10.684737, 41.269035, '00424433+4116085', 9.453],
      [10.68532, 41.267147, '00424447+4116017', null],
    ]);
    expect(doc.warnings[0]).toMatchObject({ code: 'doctype-ignored', count: 1 });
    expect(doc.warnings[0]!.table).toBeUndefined();
  });

  it('is skipped in its PUBLIC form too', () => {
    const doc = parseVotable(
      '<?xml version="1.0"?>\n<!DOCTYPE VOTABLE PUBLIC "-//IVOA//DTD VOTable 1.0//EN" "http://us-vo.org/xml/VOTable.dtd">\n' +
        td('<FIELD name="a" datatype="int"/>', '<TR><TD>1</TD></TR>').replace('<VOTABLE version="1.4">', '<VOTABLE version="1.0">'),
    );
    expect(doc.tables[0]!.cell(0, 0)).toBe(1);
    expect(codes(doc)).toEqual(['doctype-ignored']);
  });

  it('still refuses an internal subset, even an empty one, and entities the external DTD might declare', () => {
    const body = td('<FIELD name="s" datatype="char" arraysize="*"/>', '<TR><TD>x</TD></TR>');
    expect(refusal(`<!DOCTYPE VOTABLE SYSTEM "VOTable.dtd" []>${body}`).code).toBe('not-supported');
    expect(refusal(`<!DOCTYPE VOTABLE [<!ENTITY x "y">]>${body}`).code).toBe('not-supported');
    expect(refusal(`<!DOCTYPE VOTABLE SYSTEM "VOTable.dtd">${body.replace('<TD>x</TD>', '<TD>&x;</TD>')}`).code).toBe('malformed');
    expect(refusal(`<!DOCTYPE VOTABLE SYSTEM "VOTable.dtd"`).code).toBe('malformed');
  });
});

describe('cells that do not parse as their datatype', () => {
  it('are null, counted per column with the first row, in plain words', () => {
    const doc = parseVotable(
      td(
        '<FIELD name="flux" datatype="float"/><FIELD name="n" datatype="short"/><FIELD name="ok" datatype="boolean"/>',
        '<TR><TD>1.5</TD><TD>1</TD><TD>T</TD></TR>' +
          '<TR><TD>null</TD><TD>40000</TD><TD>maybe</TD></TR>' +
          '<TR><TD>-</TD><TD>abc</TD><TD>F</TD></TR>' +
          '<TR><TD>NaN</TD><TD>-</TD><TD/></TR>',
      ),
    );
    expect(cells(doc.tables[0]!)).toEqual([
      [1.5, 1, true],
      [null, null, null],
      [null, null, false],
      [null, null, null],
    ]);
    expect(doc.warnings).toEqual([
      { code: 'invalid-cell', table: 0, field: 'flux', count: 2, firstRow: 1, message: '2 cells of `flux` were not numbers; they are shown as empty.' },
      { code: 'invalid-cell', table: 0, field: 'n', count: 3, firstRow: 1, message: '3 cells of `n` were not valid short values; they are shown as empty.' },
      { code: 'invalid-cell', table: 0, field: 'ok', count: 1, firstRow: 1, message: '1 cell of `ok` was not a valid boolean value; it is shown as empty.' },
    ]);
  });

  it('include arrays with the wrong number of values, without shifting the next rows', () => {
    const doc = parseVotable(
      td('<FIELD name="v" datatype="float" arraysize="3"/><FIELD name="w" datatype="int" arraysize="2x*"/>', '<TR><TD>1 2</TD><TD>1 2 3</TD></TR><TR><TD>4 5 6</TD><TD>7 8</TD></TR>'),
    );
    expect(cells(doc.tables[0]!)).toEqual([
      [null, null],
      [[4, 5, 6], [[7, 8]]],
    ]);
    expect(doc.warnings.map((w) => [w.field, w.count, w.firstRow])).toEqual([
      ['v', 1, 0],
      ['w', 1, 0],
    ]);
  });

  it('make no warning when every cell is right', () => {
    expect(parseVotable(td('<FIELD name="a" datatype="double"/>', '<TR><TD>1e3</TD></TR><TR><TD></TD></TR>')).warnings).toEqual([]);
  });
});

describe('FIELDs and PARAMs without a known datatype', () => {
  it('are read as text in a NED error document, so its message is kept', () => {
    const doc = parseVotable(ned);
    const param = doc.resources[0]!.params[0]!;
    expect(param.datatype).toBe('char');
    expect(param.cell).toBe('Error: Object not found in NED.');
    expect(doc.tables[0]!.cell(0, 0)).toBe('Error: Object not found in NED.');
    expect(codes(doc)).toEqual(['doctype-ignored', 'missing-datatype', 'missing-datatype']);
    expect(doc.warnings[1]).toMatchObject({ field: 'Error', table: 0, message: 'The column `Error` has no datatype; it is read as text.' });
    expect(doc.warnings[2]).toMatchObject({ field: 'Error', message: 'The parameter `Error` has no datatype; it is read as text.' });
  });

  it('read datatype="string" as char and "unicodeString" as unicodeChar', () => {
    const doc = parseVotable(
      td('<FIELD name="s" datatype="string"/><FIELD name="u" datatype="unicodeString" arraysize="*"/>', '<TR><TD>some text</TD><TD>Ωμέγα</TD></TR>'),
    );
    const t = doc.tables[0]!;
    expect(t.fields.map((f) => f.datatype)).toEqual(['char', 'unicodeChar']);
    expect(cells(t)).toEqual([['some text', 'Ωμέγα']]);
    expect(doc.warnings.map((w) => [w.code, w.field])).toEqual([
      ['unknown-datatype', 's'],
      ['unknown-datatype', 'u'],
    ]);
  });

  it('are refused in BINARY and BINARY2, whose width they leave unknown', () => {
    for (const kind of ['BINARY', 'BINARY2']) {
      const err = refusal(table('<FIELD name="e"/>', `<${kind}><STREAM encoding="base64">AAAA</STREAM></${kind}>`));
      expect(err.code).toBe('not-supported');
      expect(err.message).toContain("'e'");
    }
  });
});

describe('PARAM values that do not parse as their datatype', () => {
  it('are kept as text, like the DataLink POS="[0. 0.]"', () => {
    const doc = parseVotable(datalink);
    const group = doc.resources[1]!.groups[0]!;
    const [id, pos, band] = group.params;
    expect(id!.cell).toBe('ivo://example.org/demo?img-1');
    expect(pos!.cell).toBe('[0. 0.]');
    expect(pos!.value).toBe('[0. 0.]');
    expect(band!.cell).toBeNull();
    expect(doc.warnings).toEqual([
      { code: 'param-as-text', field: 'POS', count: 1, message: 'The value of the parameter `POS` is not a valid double[2]; it is shown as written.' },
    ]);
    expect(doc.tables[0]!.cell(1, 2)).toBe('soda-sync');
  });
});

describe('rows with too many or too few TDs', () => {
  it('ignore the extra cells and leave the missing ones empty, counted per table', () => {
    const doc = parseVotable(
      td(
        '<FIELD name="a" datatype="int"/><FIELD name="b" datatype="char" arraysize="*"/><FIELD name="c" datatype="double" arraysize="2"/>',
        '<TR><TD>1</TD><TD>x</TD><TD>1 2</TD><TD>extra</TD><TD><![CDATA[<more>]]></TD></TR>' +
          '<TR><TD>2</TD></TR>' +
          '<TR><TD>3</TD><TD>z</TD><TD>5 6</TD></TR>' +
          '<TR/>' +
          '<TR><TD>4</TD><TD>w</TD><TD>7 8</TD><TD/></TR>',
      ),
    );
    expect(cells(doc.tables[0]!)).toEqual([
      [1, 'x', [1, 2]],
      [2, null, null],
      [3, 'z', [5, 6]],
      [null, null, null],
      [4, 'w', [7, 8]],
    ]);
    expect(doc.warnings).toEqual([
      { code: 'extra-cells', table: 0, count: 2, firstRow: 0, message: "2 rows had more cells than the table's 3 columns; the extra cells are ignored." },
      { code: 'missing-cells', table: 0, count: 2, firstRow: 1, message: "2 rows had fewer cells than the table's 3 columns; the missing cells are shown as empty." },
    ]);
  });
});

describe('TABLE ref', () => {
  const doc = parseVotable(
    '<VOTABLE version="1.4"><RESOURCE>' +
      '<TABLE ID="main" name="first"><FIELD name="a" datatype="int"/><FIELD name="s" datatype="char" arraysize="*"/>' +
      '<DATA><TABLEDATA><TR><TD>1</TD><TD>x</TD></TR></TABLEDATA></DATA></TABLE>' +
      '<TABLE name="second" ref="main"><DATA><TABLEDATA><TR><TD>2</TD><TD>y</TD></TR><TR><TD>3</TD><TD>z</TD></TR></TABLEDATA></DATA></TABLE>' +
      '<TABLE name="empty"/>' +
      '</RESOURCE></VOTABLE>',
  );

  it('gives a table without FIELDs those of the table it references', () => {
    const second = doc.tables[1]!;
    expect(second.fields.map((f) => f.name)).toEqual(['a', 's']);
    expect(cells(second)).toEqual([
      [2, 'y'],
      [3, 'z'],
    ]);
    expect(doc.warnings).toEqual([
      { code: 'table-ref', table: 1, count: 1, message: 'The columns of the table `second` are those of the table it references (`main`).' },
    ]);
  });

  it('reads a table with no fields and no data as an empty table', () => {
    const empty = doc.tables[2]!;
    expect([empty.name, empty.fields, empty.rowCount, empty.serialization]).toEqual(['empty', [], 0, null]);
  });
});

describe('line ends', () => {
  it('read CR LF and a lone CR as LF in cells, CDATA and header text, and keep a CR written as &#13;', () => {
    const doc = parseVotable(
      '<VOTABLE version="1.4"><RESOURCE><INFO name="QUERY_STATUS" value="ERROR">line 1\r\nline 2\rline 3</INFO><TABLE>' +
        '<FIELD name="s" datatype="char" arraysize="*"/><FIELD name="d" datatype="double"/><DATA><TABLEDATA>' +
        '<TR><TD>a\r\nb</TD><TD>1.5\r\n</TD></TR><TR><TD>c\rd</TD><TD>2</TD></TR><TR><TD><![CDATA[e\r\nf]]></TD><TD>3</TD></TR>' +
        '<TR><TD>g&#13;h\r\n</TD><TD>4</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
    );
    expect(doc.queryStatus).toEqual({ status: 'ERROR', message: 'line 1\nline 2\nline 3' });
    expect(cells(doc.tables[0]!)).toEqual([
      ['a\nb', 1.5],
      ['c\nd', 2],
      ['e\nf', 3],
      ['g\rh\n', 4],
    ]);
    expect(doc.warnings).toEqual([]);
  });
});

describe('variable-length multidimensional arrays in BINARY and BINARY2', () => {
  const fields: FixtureField[] = [
    { name: 'cube', datatype: 'int', arraysize: '2x3x*' },
    { name: 'tag', datatype: 'char', arraysize: '4x*' },
    { name: 'after', datatype: 'short' },
  ];
  const rows: FixtureValue[][] = [
    [[[[1, 2], [3, 4], [5, 6]]], ['ab', 'cdef'], 7],
    [[[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]], ['g'], 8],
    [[], [], 9],
  ];

  for (const kind of ['BINARY', 'BINARY2'] as const) {
    it(`${kind}: read as STIL writes them (count of values) and as astropy does (count of slices), to the same cells`, () => {
      const stil = parseVotable(writeVotable(fields, rows, kind));
      const astropy = parseVotable(writeVotable(fields, rows, kind, { lengthPrefix: 'slices' }));
      const expected = cells(parseVotable(writeVotable(fields, rows, 'TABLEDATA')).tables[0]!);
      expect(expected[1]![0]).toEqual([
        [[1, 2], [3, 4], [5, 6]],
        [[7, 8], [9, 10], [11, 12]],
      ]);
      expect(cells(stil.tables[0]!)).toEqual(expected);
      expect(cells(astropy.tables[0]!)).toEqual(expected);
      expect(stil.warnings).toEqual([]);
      expect(astropy.warnings.map((w) => [w.code, w.field, w.count, w.firstRow])).toEqual([
        ['array-length-slices', 'cube', 2, 0],
        ['array-length-slices', 'tag', 2, 0],
      ]);
    });
  }
});
