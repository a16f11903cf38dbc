/**
 * Test-only VOTable writer: one table description written as TABLEDATA,
 * BINARY or BINARY2, so that tests can check that the three serializations of
 * the same cells decode identically and to the intended values.
 *
 * Cells follow the decoder's value model (types.ts): arrays nested with the
 * last VOTable dimension outermost, complex numbers as [re, im].
 */

import type { Serialization, VoDatatype } from '../types';

export type FixtureValue = null | boolean | number | bigint | string | FixtureValue[];

export interface FixtureField {
  name: string;
  datatype: VoDatatype;
  arraysize?: string;
  /** VALUES null: how integer nulls are written in TABLEDATA (optional) and BINARY (required there). */
  nullValue?: string;
}

export interface FixtureOptions {
  /** Namespace declaration and element prefix. */
  namespace?: 'default' | 'prefixed' | 'none';
  version?: string;
  /** TABLEDATA: write integer nulls as the VALUES null literal instead of an empty TD. */
  tabledataNullLiteral?: boolean;
  /** Extra markup inside RESOURCE after the TABLE (e.g. a trailing INFO). */
  trailer?: string;
  /**
   * Length prefix of variable multidimensional binary cells: the count of
   * values, as the standard and STIL write it (default), or of slices, as astropy does.
   */
  lengthPrefix?: 'values' | 'slices';
}

function shapeOf(arraysize: string | undefined): number[] {
  if (!arraysize) return [];
  return arraysize.split('x').map((p) => (p.endsWith('*') ? -1 : Number(p)));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const isChar = (d: VoDatatype) => d === 'char' || d === 'unicodeChar';
const isComplex = (d: VoDatatype) => d === 'floatComplex' || d === 'doubleComplex';

/** Flattens a cell to its elements (strings for char slices, [re, im] pairs for complex). */
function elementsOf(field: FixtureField, value: FixtureValue): FixtureValue[] {
  const shape = shapeOf(field.arraysize);
  const depth = isChar(field.datatype) ? shape.length - 1 : shape.length;
  if (depth <= 0) return [value];
  if (!Array.isArray(value)) throw new Error(`Field ${field.name}: array expected`);
  let flat: FixtureValue[] = value;
  for (let d = 1; d < depth; d++) flat = flat.flat(1);
  return flat;
}

function numText(datatype: VoDatatype, v: FixtureValue, field: FixtureField): string {
  if (v === null) {
    if (datatype === 'float' || datatype === 'double') return 'NaN';
    if (datatype === 'boolean') return '?';
    if (field.nullValue !== undefined) return field.nullValue;
    throw new Error(`Field ${field.name}: null element needs a VALUES null`);
  }
  if (typeof v === 'boolean') return datatype === 'bit' ? (v ? '1' : '0') : v ? 'T' : 'F';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (datatype === 'float') return String(Math.fround(v));
    if (Number.isNaN(v)) return 'NaN';
    if (Object.is(v, -0)) return '-0';
    if (v === Infinity) return '+Inf';
    if (v === -Infinity) return '-Inf';
    return String(v);
  }
  throw new Error(`Field ${field.name}: unexpected ${typeof v}`);
}

function tabledataCell(field: FixtureField, value: FixtureValue, opts: FixtureOptions): string {
  const { datatype } = field;
  if (value === null) {
    const scalarInt = !field.arraysize && ['unsignedByte', 'short', 'int', 'long'].includes(datatype);
    if (scalarInt && opts.tabledataNullLiteral && field.nullValue !== undefined) return escapeXml(field.nullValue);
    return '';
  }
  if (isChar(datatype)) {
    const shape = shapeOf(field.arraysize);
    if (shape.length <= 1) return escapeXml(value as string);
    const w = shape[0]!;
    return escapeXml(elementsOf(field, value).map((s) => ((s as string | null) ?? '').padEnd(w, ' ')).join(''));
  }
  const parts: string[] = [];
  for (const e of elementsOf(field, value)) {
    if (isComplex(datatype)) {
      const pair = e === null ? [null, null] : (e as FixtureValue[]);
      const base = datatype === 'floatComplex' ? 'float' : 'double';
      parts.push(numText(base, pair[0]!, field), numText(base, pair[1]!, field));
    } else parts.push(numText(datatype, e, field));
  }
  return parts.join(' ');
}

class Bytes {
  private buf = new Uint8Array(1024);
  private dv = new DataView(this.buf.buffer);
  length = 0;
  private room(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf);
      this.buf = next;
      this.dv = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }
  // room() may replace buf and dv, so it is called before they are read.
  u8(v: number): void {
    const at = this.room(1);
    this.buf[at] = v;
  }
  i16(v: number): void {
    const at = this.room(2);
    this.dv.setInt16(at, v);
  }
  i32(v: number): void {
    const at = this.room(4);
    this.dv.setInt32(at, v);
  }
  i64(v: bigint): void {
    const at = this.room(8);
    this.dv.setBigInt64(at, v);
  }
  f32(v: number): void {
    const at = this.room(4);
    this.dv.setFloat32(at, v);
  }
  f64(v: number): void {
    const at = this.room(8);
    this.dv.setFloat64(at, v);
  }
  bytes(b: Uint8Array): void {
    const at = this.room(b.length);
    this.buf.set(b, at);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function writeElement(out: Bytes, field: FixtureField, v: FixtureValue): void {
  const nullInt = (): bigint => {
    if (field.nullValue === undefined) throw new Error(`Field ${field.name}: null needs a VALUES null in BINARY`);
    return BigInt(field.nullValue);
  };
  switch (field.datatype) {
    case 'boolean':
      out.u8(v === null ? 0x3f : v ? 0x54 : 0x46);
      return;
    case 'unsignedByte':
      out.u8(v === null ? Number(nullInt()) : Number(v));
      return;
    case 'short':
      out.i16(v === null ? Number(nullInt()) : Number(v));
      return;
    case 'int':
      out.i32(v === null ? Number(nullInt()) : Number(v));
      return;
    case 'long':
      out.i64(v === null ? nullInt() : BigInt(v as number | bigint));
      return;
    case 'float':
      out.f32(v === null ? NaN : (v as number));
      return;
    case 'double':
      out.f64(v === null ? NaN : (v as number));
      return;
    case 'floatComplex':
    case 'doubleComplex': {
      const pair = v === null ? [null, null] : (v as FixtureValue[]);
      for (const x of pair) {
        if (field.datatype === 'floatComplex') out.f32(x === null ? NaN : (x as number));
        else out.f64(x === null ? NaN : (x as number));
      }
      return;
    }
    default:
      throw new Error(`writeElement: ${field.datatype}`);
  }
}

function encodeChars(datatype: VoDatatype, s: string): Uint8Array {
  if (datatype === 'char') return new TextEncoder().encode(s);
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) >> 8;
    b[2 * i + 1] = s.charCodeAt(i) & 255;
  }
  return b;
}

function binaryCell(out: Bytes, field: FixtureField, value: FixtureValue, slicePrefix: boolean): void {
  const shape = shapeOf(field.arraysize);
  const variable = shape.length > 0 && shape[shape.length - 1] === -1;
  const { datatype } = field;
  if (isChar(datatype)) {
    const size = datatype === 'char' ? 1 : 2;
    if (shape.length === 0) {
      const b = encodeChars(datatype, (value as string | null) ?? '\0');
      out.bytes(b.subarray(0, size));
      if (b.length < size) out.bytes(new Uint8Array(size - b.length));
      return;
    }
    if (shape.length === 1) {
      const b = encodeChars(datatype, (value as string | null) ?? '');
      if (variable) {
        out.i32(b.length / size);
        out.bytes(b);
      } else {
        const n = shape[0]! * size;
        if (b.length > n) throw new Error(`Field ${field.name}: string too long`);
        out.bytes(b);
        out.bytes(new Uint8Array(n - b.length));
      }
      return;
    }
    const w = shape[0]!;
    const pieces = value === null ? [] : elementsOf(field, value);
    if (variable) out.i32(slicePrefix ? pieces.length : pieces.length * w);
    else if (value === null) {
      let n = w;
      for (let d = 1; d < shape.length; d++) n *= shape[d]!;
      out.bytes(new Uint8Array(n * size));
      return;
    }
    for (const p of pieces) {
      const b = encodeChars(datatype, (p as string | null) ?? '');
      out.bytes(b);
      out.bytes(new Uint8Array(w * size - b.length));
    }
    return;
  }
  if (shape.length === 0 && !isComplex(datatype)) {
    if (datatype === 'bit') out.u8(value ? 0x80 : 0);
    else writeElement(out, field, value);
    return;
  }
  let fixedCount = 1;
  for (const d of shape) if (d > 0) fixedCount *= d;
  const elements = value === null ? (variable ? [] : new Array<FixtureValue>(fixedCount).fill(null)) : elementsOf(field, value);
  if (variable) {
    const slice = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    out.i32(slicePrefix ? elements.length / slice : elements.length);
  }
  if (datatype === 'bit') {
    const b = new Uint8Array(Math.ceil(elements.length / 8));
    elements.forEach((e, k) => {
      if (e) b[k >> 3]! |= 0x80 >> (k & 7);
    });
    out.bytes(b);
    return;
  }
  for (const e of elements) writeElement(out, field, e);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b64 = btoa(s);
  return b64.replace(/(.{76})/g, '$1\n');
}

export function writeVotable(
  fields: FixtureField[],
  rows: FixtureValue[][],
  serialization: Serialization,
  opts: FixtureOptions = {},
): string {
  const ns = opts.namespace ?? 'default';
  const p = ns === 'prefixed' ? 'v:' : '';
  const xmlns =
    ns === 'default'
      ? ' xmlns="http://www.ivoa.net/xml/VOTable/v1.3"'
      : ns === 'prefixed'
        ? ' xmlns:v="http://www.ivoa.net/xml/VOTable/v1.3"'
        : '';
  const head = fields
    .map((f) => {
      const attrs = [`name="${escapeXml(f.name)}"`, `datatype="${f.datatype}"`];
      if (f.arraysize) attrs.push(`arraysize="${f.arraysize}"`);
      const values = f.nullValue !== undefined ? `<${p}VALUES null="${escapeXml(f.nullValue)}"/>` : '';
      return `<${p}FIELD ${attrs.join(' ')}>${values}</${p}FIELD>`;
    })
    .join('\n');
  let data: string;
  if (serialization === 'TABLEDATA') {
    data = rows
      .map((r) => `<${p}TR>${r.map((v, i) => `<${p}TD>${tabledataCell(fields[i]!, v, opts)}</${p}TD>`).join('')}</${p}TR>`)
      .join('\n');
    data = `<${p}TABLEDATA>\n${data}\n</${p}TABLEDATA>`;
  } else {
    const out = new Bytes();
    for (const r of rows) {
      if (serialization === 'BINARY2') {
        const flags = new Uint8Array(Math.ceil(fields.length / 8));
        r.forEach((v, i) => {
          if (v === null) flags[i >> 3]! |= 0x80 >> (i & 7);
        });
        out.bytes(flags);
      }
      r.forEach((v, i) => binaryCell(out, fields[i]!, v, opts.lengthPrefix === 'slices'));
    }
    data = `<${p}${serialization}><${p}STREAM encoding="base64">\n${base64(out.result())}\n</${p}STREAM></${p}${serialization}>`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}VOTABLE version="${opts.version ?? '1.4'}"${xmlns}>\n` +
    `<${p}RESOURCE type="results">\n<${p}INFO name="QUERY_STATUS" value="OK"/>\n<${p}TABLE name="fixture">\n${head}\n` +
    `<${p}DATA>${data}</${p}DATA>\n</${p}TABLE>\n${opts.trailer ?? ''}</${p}RESOURCE>\n</${p}VOTABLE>\n`
  );
}
