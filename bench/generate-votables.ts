/**
 * Deterministic benchmark VOTables: n rows x 12 mixed columns, written as
 * TABLEDATA, BINARY or BINARY2 (base64 in lines of 76 characters, as most
 * services write it). The same seed gives the same cells in all three.
 */

import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

export type BenchSerialization = 'TABLEDATA' | 'BINARY' | 'BINARY2';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = `<FIELD name="source_id" datatype="long" ucd="meta.id;meta.main"><DESCRIPTION>Source identifier (beyond 2^53 for most rows)</DESCRIPTION></FIELD>
<FIELD name="designation" datatype="char" arraysize="*" ucd="meta.id"/>
<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
<FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
<FIELD name="phot_g_mean_mag" datatype="float" unit="mag"/>
<FIELD name="phot_bp_mean_mag" datatype="float" unit="mag"><DESCRIPTION>Null (NaN) for 5% of the rows</DESCRIPTION></FIELD>
<FIELD name="n_obs" datatype="int"><VALUES null="-2147483648"/></FIELD>
<FIELD name="flags" datatype="short"/>
<FIELD name="variable" datatype="boolean"/>
<FIELD name="quality" datatype="unsignedByte"/>
<FIELD name="pm" datatype="float" arraysize="3" unit="mas/yr"/>
<FIELD name="parallax" datatype="double" unit="mas"><DESCRIPTION>Null for 10% of the rows</DESCRIPTION></FIELD>`;

interface Row {
  id: bigint;
  designation: string;
  ra: number;
  dec: number;
  g: number;
  bp: number | null;
  nobs: number | null;
  flags: number;
  variable: boolean | null;
  quality: number;
  pm: [number, number, number];
  parallax: number | null;
}

function* rows(n: number): Generator<Row> {
  const rnd = prng(20261121);
  for (let i = 0; i < n; i++) {
    const ra = rnd() * 360;
    const dec = Math.asin(2 * rnd() - 1) * (180 / Math.PI);
    const id = (BigInt(Math.floor(rnd() * 3_000_000)) << 41n) + BigInt(i);
    const rah = ra / 15;
    const h = Math.floor(rah);
    const m = Math.floor((rah - h) * 60);
    const sec = ((rah - h) * 60 - m) * 60;
    const dd = Math.abs(dec);
    const dg = Math.floor(dd);
    const dm = Math.floor((dd - dg) * 60);
    const ds = ((dd - dg) * 60 - dm) * 60;
    const designation =
      `GDR3 J${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}${sec.toFixed(2).padStart(5, '0')}` +
      `${dec < 0 ? '-' : '+'}${String(dg).padStart(2, '0')}${String(dm).padStart(2, '0')}${ds.toFixed(1).padStart(4, '0')}`;
    const g = Math.fround(12 + rnd() * 9);
    const r1 = rnd();
    yield {
      id,
      designation,
      ra,
      dec,
      g,
      bp: r1 < 0.05 ? null : Math.fround(g + 0.3 + rnd()),
      nobs: r1 > 0.97 ? null : Math.floor(rnd() * 500),
      flags: Math.floor(rnd() * 65536) - 32768,
      variable: r1 > 0.5 && r1 < 0.52 ? null : rnd() < 0.1,
      quality: Math.floor(rnd() * 256),
      pm: [Math.fround(rnd() * 20 - 10), Math.fround(rnd() * 20 - 10), Math.fround(rnd() * 100 - 50)],
      parallax: rnd() < 0.1 ? null : rnd() * 5,
    };
  }
}

function header(n: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/>
<COOSYS ID="icrs" system="ICRS" epoch="J2016.0"/>
<TABLE name="bench" nrows="${n}">
${FIELDS}
<DATA>`;
}

const FOOTER = `</DATA>
</TABLE>
<INFO name="QUERY_STATUS" value="OK"/>
</RESOURCE>
</VOTABLE>
`;

/** The shortest decimal text that reads back as the same float32 (as float writers print it). */
function float32Text(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const t = Number(v.toPrecision(p));
    if (Math.fround(t) === v) return String(t);
  }
  return String(v);
}

function tdRow(r: Row): string {
  return (
    `<TR><TD>${r.id}</TD><TD>${r.designation}</TD><TD>${r.ra}</TD><TD>${r.dec}</TD><TD>${float32Text(r.g)}</TD>` +
    `<TD>${r.bp === null ? '' : float32Text(r.bp)}</TD><TD>${r.nobs ?? ''}</TD><TD>${r.flags}</TD><TD>${r.variable === null ? '' : r.variable ? 'T' : 'F'}</TD>` +
    `<TD>${r.quality}</TD><TD>${r.pm.map(float32Text).join(' ')}</TD><TD>${r.parallax ?? ''}</TD></TR>\n`
  );
}

class RowWriter {
  buf = Buffer.alloc(1 << 20);
  p = 0;
  ensure(n: number): void {
    if (this.p + n > this.buf.length) {
      const next = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(next, 0, 0, this.p);
      this.buf = next;
    }
  }
  row(r: Row, binary2: boolean): void {
    const b = this.buf;
    this.ensure(128);
    let p = this.p;
    if (binary2) {
      let f0 = 0;
      let f1 = 0;
      if (r.bp === null) f0 |= 0x80 >> 5;
      if (r.nobs === null) f0 |= 0x80 >> 6;
      if (r.variable === null) f1 |= 0x80 >> 0;
      if (r.parallax === null) f1 |= 0x80 >> 3;
      b[p++] = f0;
      b[p++] = f1;
    }
    p = b.writeBigInt64BE(r.id, p);
    const d = Buffer.from(r.designation, 'latin1');
    p = b.writeInt32BE(d.length, p);
    p += d.copy(b, p);
    p = b.writeDoubleBE(r.ra, p);
    p = b.writeDoubleBE(r.dec, p);
    p = b.writeFloatBE(r.g, p);
    p = b.writeFloatBE(r.bp ?? NaN, p);
    p = b.writeInt32BE(r.nobs ?? -2147483648, p);
    p = b.writeInt16BE(r.flags, p);
    b[p++] = r.variable === null ? 0x3f : r.variable ? 0x54 : 0x46;
    b[p++] = r.quality;
    for (const x of r.pm) p = b.writeFloatBE(x, p);
    p = b.writeDoubleBE(r.parallax ?? NaN, p);
    this.p = p;
  }
}

/** Writes the file (via a temporary name, so a crash leaves no half file). */
export function generate(path: string, n: number, serialization: BenchSerialization): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, header(n));
  if (serialization === 'TABLEDATA') {
    writeSync(fd, '<TABLEDATA>\n');
    let chunk: string[] = [];
    for (const r of rows(n)) {
      chunk.push(tdRow(r));
      if (chunk.length === 10000) {
        writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    writeSync(fd, chunk.join(''));
    writeSync(fd, '</TABLEDATA>\n');
  } else {
    writeSync(fd, `<${serialization}><STREAM encoding="base64">\n`);
    const w = new RowWriter();
    const LINE = 57; // raw bytes per 76-character line
    const flush = (all: boolean): void => {
      const usable = all ? w.p : w.p - (w.p % LINE);
      let text = '';
      for (let i = 0; i < usable; i += LINE) text += w.buf.toString('base64', i, Math.min(i + LINE, usable)) + '\n';
      writeSync(fd, text);
      w.buf.copy(w.buf, 0, usable, w.p);
      w.p -= usable;
    };
    for (const r of rows(n)) {
      w.row(r, serialization === 'BINARY2');
      if (w.p > 1 << 19) flush(false);
    }
    flush(true);
    writeSync(fd, `</STREAM></${serialization}>\n`);
  }
  writeSync(fd, FOOTER);
  closeSync(fd);
  renameSync(tmp, path);
}
