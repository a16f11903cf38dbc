import { describe, expect, it } from 'vitest';
import { parseVotable, parseVotableAsync } from './parse-votable';
import { writeVotable, type FixtureField } from './testing/fixture-writer';
import { VotableError, type VotableErrorCode } from './types';

function refusal(input: string | Uint8Array): { code: VotableErrorCode; ms: number; message: string } {
  const t0 = performance.now();
  try {
    parseVotable(input);
  } catch (err) {
    if (!(err instanceof VotableError)) throw err;
    return { code: err.code, ms: performance.now() - t0, message: err.message };
  }
  throw new Error('the input was accepted');
}

const table = (fields: string, data: string) =>
  `<VOTABLE version="1.4"><RESOURCE><TABLE>${fields}<DATA>${data}</DATA></TABLE></RESOURCE></VOTABLE>`;
const td = (fields: string, rows: string) => table(fields, `<TABLEDATA>${rows}</TABLEDATA>`);
const binary = (fields: string, base64: string, kind = 'BINARY') => table(fields, `<${kind}><STREAM encoding="base64">${base64}</STREAM></${kind}>`);
const b64 = (bytes: ArrayLike<number>) => btoa(String.fromCharCode(...Array.from(bytes)));
const unb64 = (text: string) => Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('parseVotable refuses bad input quickly and clearly', () => {
  it('refuses DOCTYPE declarations, so entity bombs never expand', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><VOTABLE>&lol3;</VOTABLE>';
    const r = refusal(bomb);
    expect(r.code).toBe('not-supported');
    expect(r.ms).toBeLessThan(100);
  });

  it('refuses entities other than the predefined ones', () => {
    expect(refusal(td('<FIELD name="s" datatype="char" arraysize="*"/>', '<TR><TD>&lol3;</TD></TR>')).code).toBe('malformed');
  });

  it('refuses input that is not a VOTable', () => {
    expect(refusal('{"not": "xml"}').code).toBe('not-votable');
    expect(refusal('<html><body>Service unavailable</body></html>').code).toBe('not-votable');
    expect(refusal('').code).toBe('not-votable');
  });

  it('refuses invalid base64', () => {
    const r = refusal(binary('<FIELD name="i" datatype="int"/>', 'AAAA*AAA'));
    expect(r.code).toBe('invalid-base64');
  });

  it('refuses a variable array length of 2^31 - 1 without allocating it', () => {
    const r = refusal(binary('<FIELD name="v" datatype="double" arraysize="*"/>', b64([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0])));
    expect(r.code).toBe('malformed');
    expect(r.message).toContain('beyond the end of the stream');
    expect(r.ms).toBeLessThan(100);
  });

  it('refuses negative array lengths and lengths beyond a declared n*', () => {
    expect(refusal(binary('<FIELD name="v" datatype="int" arraysize="*"/>', b64([0xff, 0xff, 0xff, 0xff]))).code).toBe('invalid-data');
    expect(refusal(binary('<FIELD name="v" datatype="unsignedByte" arraysize="2*"/>', b64([0, 0, 0, 3, 1, 2, 3]))).code).toBe('invalid-data');
  });

  it('refuses a truncated binary stream', () => {
    const fields: FixtureField[] = [{ name: 'd', datatype: 'double' }, { name: 's', datatype: 'char', arraysize: '*' }];
    for (const kind of ['BINARY', 'BINARY2'] as const) {
      const doc = writeVotable(fields, [[1.5, 'abc'], [2.5, 'defgh']], kind);
      const stream = /encoding="base64">\s*([^<]*?)\s*</.exec(doc)![1]!;
      const bytes = unb64(stream);
      const cut = doc.replace(stream, b64(bytes.subarray(0, bytes.length - 3)));
      const r = refusal(cut);
      expect(r.code).toBe('malformed');
      expect(r.message).toMatch(/Truncated binary stream|beyond the end/);
    }
  });

  it('refuses a document cut inside TABLEDATA or STREAM', () => {
    const doc = writeVotable([{ name: 'i', datatype: 'int' }], [[1], [2], [3]], 'TABLEDATA');
    expect(refusal(doc.slice(0, doc.indexOf('<TR>') + 12)).code).toBe('malformed');
    const bin = writeVotable([{ name: 'i', datatype: 'int' }], [[1], [2], [3]], 'BINARY2');
    expect(refusal(bin.slice(0, bin.indexOf('encoding="base64">') + 25)).code).toBe('malformed');
  });

  it('refuses a FITS serialization whose STREAM is not FITS, or does not match the FIELDs', () => {
    const notFits = refusal(table('<FIELD name="i" datatype="int"/>', `<FITS extnum="1"><STREAM encoding="base64">${b64(new TextEncoder().encode('<html>error</html>'))}</STREAM></FITS>`));
    expect(notFits.code).toBe('not-supported');
    expect(notFits.message).toContain('not a FITS file');
    const card = (text: string) => text.padEnd(80);
    const fits = new TextEncoder().encode(
      [
        card('SIMPLE  =                    T'), card('BITPIX  =                    8'), card('NAXIS   =                    0'), card('END'),
      ].join('').padEnd(2880) +
        [
          card("XTENSION= 'BINTABLE'"), card('BITPIX  =                    8'), card('NAXIS   =                    2'), card('NAXIS1  =                    0'),
          card('NAXIS2  =                    0'), card('PCOUNT  =                    0'), card('GCOUNT  =                    1'), card('TFIELDS =                    0'), card('END'),
        ].join('').padEnd(2880),
    );
    const mismatch = refusal(table('<FIELD name="i" datatype="int"/>', `<FITS><STREAM encoding="base64">${b64(fits)}</STREAM></FITS>`));
    expect(mismatch).toMatchObject({ code: 'invalid-data', message: 'The TABLE has 1 FIELDs, but its FITS data have 0 columns.' });
  });

  it('refuses absurd arraysizes', () => {
    expect(refusal(td('<FIELD name="a" datatype="int" arraysize="100000x100000"/>', '')).code).toBe('too-large');
    expect(refusal(td('<FIELD name="a" datatype="int" arraysize="2x*x3"/>', '')).code).toBe('invalid-data');
  });

  it('does not trust an absurd nrows', () => {
    const doc = writeVotable([{ name: 'i', datatype: 'int' }], [[7]], 'BINARY2').replace('<TABLE name="fixture">', '<TABLE name="fixture" nrows="2000000000">');
    const t0 = performance.now();
    const t = parseVotable(doc).tables[0]!;
    expect(t.rowCount).toBe(1);
    expect(t.cell(0, 0)).toBe(7);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('refuses absurd nesting depth', () => {
    expect(refusal('<VOTABLE>' + '<RESOURCE>'.repeat(10000)).code).toBe('too-large');
  });

  it('refuses mismatched tags', () => {
    expect(refusal('<VOTABLE><RESOURCE></TABLE></VOTABLE>').code).toBe('malformed');
  });
});

describe('STREAM href', () => {
  const fields: FixtureField[] = [{ name: 'i', datatype: 'int' }, { name: 's', datatype: 'char', arraysize: '*' }];
  const inline = writeVotable(fields, [[1, 'one'], [2, 'two']], 'BINARY2');
  const raw = unb64(/encoding="base64">\s*([^<]*?)\s*</.exec(inline)![1]!);
  const withHref = (encoding: string) =>
    inline.replace(/<STREAM encoding="base64">[^<]*<\/STREAM>/, `<STREAM href="http://example.org/data.bin"${encoding ? ` encoding="${encoding}"` : ''}/>`);

  it('is refused by the synchronous parser with a pointer to parseVotableAsync', () => {
    expect(refusal(withHref('')).message).toContain('parseVotableAsync');
  });

  it('is fetched by parseVotableAsync, raw or gzip', async () => {
    const gzipped = await gzip(raw);
    for (const [encoding, body] of [
      ['', raw],
      ['gzip', gzipped],
      ['dynamic', gzipped],
      ['dynamic', raw],
      ['base64', new TextEncoder().encode(b64(raw))],
    ] as const) {
      const fetched: string[] = [];
      const doc = await parseVotableAsync(withHref(encoding), {
        fetchStream: async (href) => {
          fetched.push(href);
          return new Uint8Array(body);
        },
      });
      expect(fetched).toEqual(['http://example.org/data.bin']);
      const t = doc.tables[0]!;
      expect([t.cell(0, 0), t.cell(0, 1), t.cell(1, 0), t.cell(1, 1)]).toEqual([1, 'one', 2, 'two']);
    }
  });

  it('reports a failed fetch as stream-fetch', async () => {
    await expect(
      parseVotableAsync(withHref(''), {
        fetchStream: () => Promise.reject(new Error('HTTP 404')),
      }),
    ).rejects.toMatchObject({ code: 'stream-fetch' });
  });
});
