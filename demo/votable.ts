/** Streaming writers for query results: VOTable 1.4 (TABLEDATA, BINARY, BINARY2), CSV and TSV. */
import type { ColumnMeta, VoDatatype } from './catalogue.ts';

export type ResultFormat = 'td' | 'binary' | 'binary2' | 'csv' | 'tsv';

/** A result's FIELD: a published column's VOTable attributes, the description optional (computed columns have none). */
export type ResultField = Pick<ColumnMeta, 'name' | 'datatype' | 'arraysize' | 'xtype' | 'unit' | 'ucd' | 'utype'> & { description?: string };

export const VOTABLE_NS = 'http://www.ivoa.net/xml/VOTable/v1.3';

interface FormatInfo {
  format: ResultFormat;
  mime: string;
}

const VOTABLE_MIME = 'application/x-votable+xml';
const FORMATS: Record<string, FormatInfo> = {};
const alias = (info: FormatInfo, ...names: string[]) => names.forEach((n) => (FORMATS[n] = info));
alias(
  { format: 'td', mime: VOTABLE_MIME },
  'votable',
  'votable/td',
  'votable/tabledata',
  'application/x-votable+xml',
  'application/x-votable+xml;serialization=tabledata',
  'text/xml',
  'application/xml',
);
alias(
  { format: 'binary', mime: `${VOTABLE_MIME};serialization=BINARY` },
  'votable/b',
  'votable/binary',
  'application/x-votable+xml;serialization=binary',
);
alias(
  { format: 'binary2', mime: `${VOTABLE_MIME};serialization=BINARY2` },
  'votable/b2',
  'votable/binary2',
  'application/x-votable+xml;serialization=binary2',
);
alias({ format: 'csv', mime: 'text/csv;header=present' }, 'csv', 'text/csv', 'text/csv;header=present');
alias({ format: 'tsv', mime: 'text/tab-separated-values' }, 'tsv', 'text/tab-separated-values');

/** The output formats advertised in the capabilities: MIME type and short aliases. */
export const ADVERTISED_FORMATS: { mime: string; aliases: string[] }[] = [
  { mime: VOTABLE_MIME, aliases: ['votable', 'votable/td'] },
  { mime: `${VOTABLE_MIME};serialization=BINARY`, aliases: ['votable/b'] },
  { mime: `${VOTABLE_MIME};serialization=BINARY2`, aliases: ['votable/b2'] },
  { mime: 'text/csv;header=present', aliases: ['csv'] },
  { mime: 'text/tab-separated-values', aliases: ['tsv'] },
];

/** Resolves a RESPONSEFORMAT/FORMAT value (case- and space-insensitive); undefined when unknown. */
export function parseFormat(value: string | undefined): FormatInfo | undefined {
  if (value === undefined || value.trim() === '') return FORMATS['votable'];
  return FORMATS[value.toLowerCase().replace(/\s+/g, '').replace(/"/g, '')];
}

// XML 1.0 forbids most control characters, even escaped; they become U+FFFD.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const INT_NULLS: Partial<Record<VoDatatype, string>> = {
  short: '-32768',
  int: '-2147483648',
  long: '-9223372036854775808',
};

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Text form of a value for TABLEDATA and CSV; null gives undefined. */
export function textValue(v: unknown, datatype: VoDatatype): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') {
    if ((datatype === 'short' || datatype === 'int' || datatype === 'long') && !Number.isFinite(v)) return undefined;
    return formatNumber(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return datatype === 'boolean' ? (v ? 'T' : 'F') : String(v);
  if (v instanceof Date) return v.toISOString().replace(/Z$/, '');
  return String(v);
}

function fieldXml(f: ResultField, format: ResultFormat, index: number): string {
  const attrs = [`name="${xmlEscape(f.name)}"`, `ID="col${index}"`, `datatype="${f.datatype}"`];
  if (f.arraysize) attrs.push(`arraysize="${xmlEscape(f.arraysize)}"`);
  if (f.xtype) attrs.push(`xtype="${xmlEscape(f.xtype)}"`);
  if (f.unit) attrs.push(`unit="${xmlEscape(f.unit)}"`);
  if (f.ucd) attrs.push(`ucd="${xmlEscape(f.ucd)}"`);
  if (f.utype) attrs.push(`utype="${xmlEscape(f.utype)}"`);
  const inner: string[] = [];
  if (f.description) inner.push(`<DESCRIPTION>${xmlEscape(f.description)}</DESCRIPTION>`);
  const nullValue = INT_NULLS[f.datatype];
  if (format === 'binary' && nullValue) inner.push(`<VALUES null="${nullValue}"/>`);
  return inner.length ? `<FIELD ${attrs.join(' ')}>${inner.join('')}</FIELD>` : `<FIELD ${attrs.join(' ')}/>`;
}

export interface ResultInfo {
  query?: string;
  /** Extra INFO elements before the table (name, value). */
  infos?: [string, string][];
}

export type Sink = (chunk: string | Buffer) => void;

const CSV_SPECIAL = /[",\r\n]|^\s|\s$/;

/** Writes one result table incrementally: begin(), rows() any number of times, end(). */
export class ResultWriter {
  private b64Rest: Buffer = Buffer.alloc(0);

  constructor(
    private readonly format: ResultFormat,
    private readonly fields: ResultField[],
    private readonly sink: Sink,
    private readonly info: ResultInfo = {},
  ) {}

  begin(): void {
    const { format, fields } = this;
    if (format === 'csv' || format === 'tsv') {
      const sep = format === 'csv' ? ',' : '\t';
      this.sink(fields.map((f) => this.delimited(f.name)).join(sep) + (format === 'csv' ? '\r\n' : '\n'));
      return;
    }
    const parts = [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      `<VOTABLE version="1.4" xmlns="${VOTABLE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n`,
      '<RESOURCE type="results">\n',
      '<INFO name="QUERY_STATUS" value="OK"/>\n',
    ];
    if (this.info.query !== undefined) parts.push(`<INFO name="QUERY" value="${xmlEscape(this.info.query)}"/>\n`);
    for (const [name, value] of this.info.infos ?? []) {
      parts.push(`<INFO name="${xmlEscape(name)}" value="${xmlEscape(value)}"/>\n`);
    }
    parts.push('<TABLE>\n');
    fields.forEach((f, i) => parts.push(fieldXml(f, format, i), '\n'));
    parts.push('<DATA>');
    if (format === 'td') parts.push('<TABLEDATA>\n');
    else parts.push(`<${format === 'binary' ? 'BINARY' : 'BINARY2'}><STREAM encoding="base64">\n`);
    this.sink(parts.join(''));
  }

  private delimited(s: string): string {
    if (this.format === 'tsv') return s.replace(/[\t\r\n]/g, ' ');
    return CSV_SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  rows(rows: readonly (readonly unknown[])[]): void {
    if (rows.length === 0) return;
    const { format, fields } = this;
    if (format === 'td') {
      let out = '';
      for (const row of rows) {
        out += '<TR>';
        for (let i = 0; i < fields.length; i++) {
          const t = textValue(row[i], fields[i]!.datatype);
          out += t === undefined ? '<TD/>' : `<TD>${xmlEscape(t)}</TD>`;
        }
        out += '</TR>\n';
      }
      this.sink(out);
      return;
    }
    if (format === 'csv' || format === 'tsv') {
      const sep = format === 'csv' ? ',' : '\t';
      const eol = format === 'csv' ? '\r\n' : '\n';
      let out = '';
      for (const row of rows) {
        out += fields.map((f, i) => {
          const t = textValue(row[i], f.datatype);
          return t === undefined ? '' : this.delimited(t);
        }).join(sep) + eol;
      }
      this.sink(out);
      return;
    }
    this.base64(Buffer.concat(rows.map((r) => this.binaryRow(r))));
  }

  private binaryRow(row: readonly unknown[]): Buffer {
    const { fields } = this;
    const chunks: Buffer[] = [];
    const b2 = this.format === 'binary2';
    let mask: Buffer | undefined;
    if (b2) {
      mask = Buffer.alloc(Math.ceil(fields.length / 8));
      chunks.push(mask);
    }
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      let v = row[i];
      if (v === undefined) v = null;
      if (v !== null && (f.datatype === 'short' || f.datatype === 'int' || f.datatype === 'long')) {
        if (typeof v === 'number' && !Number.isFinite(v)) v = null;
      }
      if (v === null && mask) mask[i >> 3]! |= 0x80 >> (i & 7);
      chunks.push(encodeBinary(f, v, !b2));
    }
    return Buffer.concat(chunks);
  }

  private base64(bytes: Buffer): void {
    const all = this.b64Rest.length ? Buffer.concat([this.b64Rest, bytes]) : bytes;
    const usable = all.length - (all.length % 3);
    this.b64Rest = Buffer.from(all.subarray(usable));
    if (usable > 0) this.sink(all.subarray(0, usable).toString('base64') + '\n');
  }

  end(overflow: boolean): void {
    const { format } = this;
    if (format === 'csv' || format === 'tsv') return;
    const parts: string[] = [];
    if (format === 'td') parts.push('</TABLEDATA>');
    else {
      if (this.b64Rest.length) parts.push(this.b64Rest.toString('base64') + '\n');
      parts.push(`</STREAM></${format === 'binary' ? 'BINARY' : 'BINARY2'}>`);
    }
    parts.push('</DATA>\n</TABLE>\n');
    if (overflow) parts.push('<INFO name="QUERY_STATUS" value="OVERFLOW"/>\n');
    parts.push('</RESOURCE>\n</VOTABLE>\n');
    this.sink(parts.join(''));
  }
}

function encodeBinary(f: ResultField, v: unknown, useNullValues: boolean): Buffer {
  switch (f.datatype) {
    case 'boolean': {
      const b = Buffer.alloc(1);
      b.write(v === null ? '?' : v ? 'T' : 'F', 'latin1');
      return b;
    }
    case 'short': {
      const b = Buffer.alloc(2);
      b.writeInt16BE(v === null ? (useNullValues ? -32768 : 0) : Number(v));
      return b;
    }
    case 'int': {
      const b = Buffer.alloc(4);
      b.writeInt32BE(v === null ? (useNullValues ? -2147483648 : 0) : Number(v));
      return b;
    }
    case 'long': {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(v === null ? (useNullValues ? -(2n ** 63n) : 0n) : BigInt(v as number | bigint));
      return b;
    }
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatBE(v === null ? NaN : Number(v));
      return b;
    }
    case 'double': {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v === null ? NaN : Number(v));
      return b;
    }
    case 'char': {
      const s = v === null ? Buffer.alloc(0) : Buffer.from(textValue(v, 'char') ?? '', 'utf8');
      if (f.arraysize && f.arraysize !== '*' && /^\d+$/.test(f.arraysize)) {
        const fixed = Buffer.alloc(Number(f.arraysize));
        s.copy(fixed, 0, 0, fixed.length);
        return fixed;
      }
      const len = Buffer.alloc(4);
      len.writeUInt32BE(s.length);
      return Buffer.concat([len, s]);
    }
  }
}

/** A DALI error document. */
export function errorVotable(message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<VOTABLE version="1.4" xmlns="${VOTABLE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    '<RESOURCE type="results">\n' +
    `<INFO name="QUERY_STATUS" value="ERROR">${xmlEscape(message)}</INFO>\n` +
    '</RESOURCE>\n</VOTABLE>\n'
  );
}
