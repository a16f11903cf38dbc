import { describe, expect, it } from 'vitest';
import dachsB2 from './fixtures/dachs-stars-b2.vot?raw';
import dachsBinary from './fixtures/dachs-stars-binary.vot?raw';
import dachsTd from './fixtures/dachs-stars-td.vot?raw';
import datalink from './fixtures/datalink-service-descriptor.vot?raw';
import irsa from './fixtures/irsa-doctype.vot?raw';
import ned from './fixtures/ned-error.vot?raw';
import stiltsBinary from './fixtures/stilts-loop-binary.vot?raw';
import stiltsBinary2 from './fixtures/stilts-loop-binary2.vot?raw';
import stiltsTabledata from './fixtures/stilts-loop-tabledata.vot?raw';
import { parseVotable } from './parse-votable';
import { createStreamingDecoder, type StreamEvent, type StreamTableEvent } from './streaming-decoder';
import { hydrateTable } from './table-access';
import { writeVotable, type FixtureField, type FixtureValue } from './testing/fixture-writer';
import { VotableError, type Cell, type VoTable, type VoTableTable } from './types';

const encode = (s: string) => new TextEncoder().encode(s);

function cells(t: VoTableTable): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.fields.map((_, c) => t.cell(r, c)));
  return out;
}

function stream(bytes: Uint8Array, size: number): { events: StreamEvent[]; doc: VoTable; pushesBeforeFirstRows: number } {
  const dec = createStreamingDecoder();
  const events: StreamEvent[] = [];
  let pushes = 0;
  let pushesBeforeFirstRows = -1;
  for (let i = 0; i < bytes.length; i += size) {
    events.push(...dec.push(bytes.subarray(i, i + size)));
    pushes++;
    if (pushesBeforeFirstRows < 0 && events.some((e) => e.kind === 'rows')) pushesBeforeFirstRows = pushes;
  }
  return { events, doc: dec.end(), pushesBeforeFirstRows };
}

/** The cells of table `ordinal` put together from its row batches. */
function batchCells(events: StreamEvent[], ordinal: number): Cell[][] {
  const header = events.find((e): e is StreamTableEvent => e.kind === 'table' && e.table === ordinal)!;
  const out: Cell[][] = [];
  for (const e of events) {
    if (e.kind !== 'rows' || e.table !== ordinal) continue;
    expect(e.firstRow).toBe(out.length);
    const t = hydrateTable({ fields: header.fields, params: [], groups: [], infos: [], links: [], serialization: header.serialization, rowCount: e.rowCount, columns: e.columns });
    out.push(...cells(t));
  }
  return out;
}

const fields: FixtureField[] = [
  { name: 'id', datatype: 'long' },
  { name: 'name', datatype: 'char', arraysize: '*' },
  { name: 'u', datatype: 'unicodeChar', arraysize: '*' },
  { name: 'mag', datatype: 'float' },
  { name: 'pos', datatype: 'double', arraysize: '2' },
  { name: 'cube', datatype: 'short', arraysize: '2x*' },
  { name: 'flag', datatype: 'boolean' },
];
const rows: FixtureValue[][] = Array.from({ length: 300 }, (_, i) => [
  BigInt(i) * 4503599627370497n,
  i % 7 === 0 ? null : `star ${i} ${'x'.repeat(i % 13)}`,
  i % 5 === 0 ? 'Ωμέγα' : `u${i}`,
  i % 11 === 0 ? null : i / 8,
  [i * 0.5, -i],
  i % 3 === 0 ? [] : [[i, i + 1], [i + 2, i + 3]],
  i % 4 === 0 ? null : i % 2 === 0,
]);

const DOCS: Record<string, string> = {
  'dachs TABLEDATA': dachsTd,
  'dachs BINARY': dachsBinary,
  'dachs BINARY2': dachsB2,
  'stilts TABLEDATA': stiltsTabledata,
  'stilts BINARY': stiltsBinary,
  'stilts BINARY2': stiltsBinary2,
  'written TABLEDATA': writeVotable(fields, rows, 'TABLEDATA'),
  'written BINARY': writeVotable(fields, rows, 'BINARY'),
  'written BINARY2': writeVotable(fields, rows, 'BINARY2', { namespace: 'prefixed', trailer: '<INFO name="QUERY_STATUS" value="OVERFLOW"/>' }),
  'IRSA with DOCTYPE': irsa,
  'NED error': ned,
  'DataLink': datalink,
};

describe('the streaming decoder', () => {
  for (const [name, text] of Object.entries(DOCS)) {
    for (const size of [1, 7, 65536]) {
      it(`gives the cells and warnings of a one-shot decode: ${name}, in ${size}-byte chunks`, () => {
        const bytes = encode(text);
        const whole = parseVotable(bytes);
        const { events, doc } = stream(bytes, size);
        expect(doc.tables.map(cells)).toEqual(whole.tables.map(cells));
        expect(doc.warnings).toEqual(whole.warnings);
        expect(doc.queryStatus).toEqual(whole.queryStatus);
        expect(doc.tables.map((t) => t.fields)).toEqual(whole.tables.map((t) => t.fields));
        whole.tables.forEach((t, i) => {
          if (t.serialization !== null) expect(batchCells(events, i)).toEqual(cells(t));
        });
      });
    }
  }

  it('gives the header, then rows, long before the document has all arrived', () => {
    const bytes = encode(DOCS['written BINARY2']!);
    const { events, pushesBeforeFirstRows } = stream(bytes, 512);
    expect(events[0]).toMatchObject({ kind: 'table', table: 0, name: 'fixture', serialization: 'BINARY2' });
    expect((events[0] as StreamTableEvent).fields.map((f) => f.name)).toEqual(fields.map((f) => f.name));
    expect(pushesBeforeFirstRows).toBeGreaterThan(0);
    expect(pushesBeforeFirstRows).toBeLessThan(Math.ceil(bytes.length / 512) / 4);
    expect(events.filter((e) => e.kind === 'rows').length).toBeGreaterThan(10);
  });

  it('decodes every table of a document with several', () => {
    const two = DOCS['written TABLEDATA']!.replace('</RESOURCE>', `</RESOURCE>${/<RESOURCE[\s\S]*<\/RESOURCE>/.exec(DOCS['written BINARY']!)![0]}`);
    const { events, doc } = stream(encode(two), 100);
    expect(doc.tables).toHaveLength(2);
    expect(batchCells(events, 0)).toEqual(cells(doc.tables[0]!));
    expect(batchCells(events, 1)).toEqual(cells(doc.tables[1]!));
    expect(cells(doc.tables[1]!)).toEqual(cells(doc.tables[0]!));
  });

  it('decodes documents in other encodings and FITS references at the end, as parseVotable does', () => {
    const latin1 = Uint8Array.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><VOTABLE><RESOURCE><TABLE><FIELD name="s" datatype="char" arraysize="*"/><DATA><TABLEDATA><TR><TD>caf\xe9</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>',
      (c) => c.charCodeAt(0),
    );
    expect(stream(latin1, 5).doc.tables[0]!.cell(0, 0)).toBe('café');
    const fits = '<VOTABLE><RESOURCE><TABLE><FIELD name="i" datatype="int"/><DATA><FITS><STREAM encoding="base64">AAAA</STREAM></FITS></DATA></TABLE></RESOURCE></VOTABLE>';
    expect(() => stream(encode(fits), 3)).toThrow(expect.objectContaining({ code: 'not-supported' }) as Error);
  });

  it('refuses a document cut inside its data, and hostile input, like parseVotable', () => {
    const codeOf = (text: string, size: number): string => {
      try {
        stream(encode(text), size);
      } catch (err) {
        if (err instanceof VotableError) return err.code;
        throw err;
      }
      return 'accepted';
    };
    for (const name of ['written TABLEDATA', 'written BINARY', 'written BINARY2']) {
      const text = DOCS[name]!;
      expect(codeOf(text.slice(0, Math.floor(text.length * 0.6)), 64)).toBe('malformed');
    }
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><VOTABLE><RESOURCE><TABLE><DATA><TABLEDATA>&lol;</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>';
    expect(codeOf(bomb, 16)).toBe('not-supported');
    expect(codeOf('<VOTABLE><RESOURCE><TABLE><FIELD name="v" datatype="int" arraysize="*"/><DATA><BINARY><STREAM encoding="base64">f////wAAAAA=</STREAM></BINARY></DATA></TABLE></RESOURCE></VOTABLE>', 4)).toBe(
      'malformed',
    );
  });

  it('stops when its signal is aborted', () => {
    const ctl = new AbortController();
    const dec = createStreamingDecoder({ signal: ctl.signal });
    dec.push(encode(DOCS['written TABLEDATA']!.slice(0, 2000)));
    ctl.abort();
    expect(() => dec.push(encode('<TR>'))).toThrow(expect.objectContaining({ code: 'aborted' }) as Error);
  });
});

describe('the streaming decoder on rows that hide an end tag', () => {
  it('decodes a TD whose CDATA holds </TR> and </TABLEDATA>, in any chunks', () => {
    const text =
      '<VOTABLE><RESOURCE><TABLE><FIELD name="s" datatype="char" arraysize="*"/><FIELD name="i" datatype="int"/><DATA><TABLEDATA>' +
      '<TR><TD>a</TD><TD>1</TD></TR><TR><TD><![CDATA[x</TR>y</TABLEDATA>z]]></TD><TD>2</TD></TR><TR><TD>c</TD><TD>3</TD></TR>' +
      '</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>';
    for (const size of [1, 5, 13, 64]) {
      const { events, doc } = stream(encode(text), size);
      const expected = [
        ['a', 1],
        ['x</TR>y</TABLEDATA>z', 2],
        ['c', 3],
      ];
      expect(cells(doc.tables[0]!)).toEqual(expected);
      expect(batchCells(events, 0)).toEqual(expected);
    }
  });
});
