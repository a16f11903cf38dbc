/** Reads TAP_UPLOAD tables: VOTable (TABLEDATA, BINARY, BINARY2) or CSV with a header line. */
import { XMLParser } from 'fast-xml-parser';
import type { ColumnMeta, VoDatatype } from './catalogue.ts';
import { QueryError } from './query-error.ts';

export interface ParsedUpload {
  columns: ColumnMeta[];
  rows: unknown[][];
}

const MAX_ROWS = 200_000;
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const SQL_TYPES: Record<string, { datatype: VoDatatype; sqlType: string }> = {
  boolean: { datatype: 'boolean', sqlType: 'boolean' },
  unsignedByte: { datatype: 'short', sqlType: 'smallint' },
  short: { datatype: 'short', sqlType: 'smallint' },
  int: { datatype: 'int', sqlType: 'integer' },
  long: { datatype: 'long', sqlType: 'bigint' },
  float: { datatype: 'float', sqlType: 'real' },
  double: { datatype: 'double', sqlType: 'double precision' },
};

function uniqueNames(raw: string[], table: string): string[] {
  const seen = new Set<string>();
  return raw.map((n, i) => {
    let name = n.trim();
    if (!COLUMN_NAME.test(name)) {
      throw new QueryError(
        `UPLOAD of "${table}": column ${i + 1} name "${name}" is not a valid ADQL identifier (letters, digits, underscore)`,
      );
    }
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${n}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

interface VoField {
  name: string;
  datatype: string;
  arraysize?: string;
  unit?: string;
  ucd?: string;
  xtype?: string;
  VALUES?: { null?: string };
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function parseVotable(text: string, table: string): ParsedUpload {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => ['RESOURCE', 'TABLE', 'FIELD', 'TR', 'TD'].includes(name),
    textNodeName: '#text',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch (e) {
    throw new QueryError(`UPLOAD of "${table}": not well-formed XML (${e instanceof Error ? e.message : e})`);
  }
  const votable = doc['VOTABLE'] as Record<string, unknown> | undefined;
  if (!votable) throw new QueryError(`UPLOAD of "${table}": not a VOTable document`);
  const findTable = (resources: unknown[]): Record<string, unknown> | undefined => {
    for (const r of resources as Record<string, unknown>[]) {
      const t = asArray(r['TABLE'] as Record<string, unknown>[] | undefined)[0];
      if (t) return t;
      const nested = findTable(asArray(r['RESOURCE'] as unknown[] | undefined));
      if (nested) return nested;
    }
    return undefined;
  };
  const t = findTable(asArray(votable['RESOURCE'] as unknown[] | undefined));
  if (!t) throw new QueryError(`UPLOAD of "${table}": the VOTable has no TABLE`);
  const fields = asArray(t['FIELD'] as VoField[] | undefined);
  if (fields.length === 0) throw new QueryError(`UPLOAD of "${table}": the VOTable TABLE has no FIELD`);
  const names = uniqueNames(fields.map((f) => f.name ?? ''), table);
  const columns: ColumnMeta[] = fields.map((f, i) => {
    const scalar = !f.arraysize || f.arraysize === '1';
    const t2 = scalar ? SQL_TYPES[f.datatype] : undefined;
    return {
      name: names[i]!,
      datatype: t2?.datatype ?? 'char',
      arraysize: t2 ? undefined : '*',
      unit: f.unit,
      ucd: f.ucd,
      xtype: f.xtype,
      description: `Uploaded column ${f.name}`,
      sqlType: t2?.sqlType ?? 'varchar',
    };
  });
  const nullValues = fields.map((f) => f.VALUES?.null);
  const data = t['DATA'] as Record<string, unknown> | undefined;
  const rows: unknown[][] = [];
  if (data?.['TABLEDATA'] !== undefined) {
    const td = data['TABLEDATA'] as Record<string, unknown> | string;
    for (const tr of asArray(typeof td === 'object' ? (td['TR'] as unknown[]) : undefined)) {
      const cells = asArray((tr as Record<string, unknown>)['TD'] as unknown[] | undefined).map((c) =>
        typeof c === 'string' ? c : typeof c === 'object' && c !== null ? String((c as Record<string, unknown>)['#text'] ?? '') : '',
      );
      rows.push(columns.map((c, i) => (nullValues[i] !== undefined && cells[i]?.trim() === nullValues[i] ? null : convert(cells[i] ?? '', c, table))));
      if (rows.length > MAX_ROWS) throw new QueryError(`UPLOAD of "${table}": more than ${MAX_ROWS} rows`);
    }
  } else if (data?.['BINARY'] !== undefined || data?.['BINARY2'] !== undefined) {
    const b2 = data['BINARY2'] !== undefined;
    const stream = (data[b2 ? 'BINARY2' : 'BINARY'] as Record<string, unknown>)['STREAM'];
    const b64 = typeof stream === 'string' ? stream : String((stream as Record<string, unknown>)?.['#text'] ?? '');
    readBinary(Buffer.from(b64.replace(/\s+/g, ''), 'base64'), fields, b2, rows, table);
    for (const row of rows) {
      nullValues.forEach((nv, i) => {
        if (nv !== undefined && row[i] !== null && String(row[i]) === nv.trim()) row[i] = null;
      });
    }
  } else if (data !== undefined) {
    throw new QueryError(`UPLOAD of "${table}": only TABLEDATA, BINARY and BINARY2 serializations are supported`);
  }
  return { columns, rows };
}

/** Bytes per element of each VOTable datatype in a binary stream. */
const BINARY_SIZES: Record<string, number> = { boolean: 1, unsignedByte: 1, short: 2, int: 4, long: 8, float: 4, double: 8, char: 1, unicodeChar: 2 };

function readBinary(buf: Buffer, fields: VoField[], b2: boolean, rows: unknown[][], table: string): void {
  let p = 0;
  const need = (n: number) => {
    if (p + n > buf.length) throw new QueryError(`UPLOAD of "${table}": truncated binary stream`);
  };
  while (p < buf.length) {
    let mask: Buffer | undefined;
    if (b2) {
      const n = Math.ceil(fields.length / 8);
      need(n);
      mask = buf.subarray(p, p + n);
      p += n;
    }
    const row: unknown[] = [];
    fields.forEach((f, i) => {
      const isNull = mask ? (mask[i >> 3]! & (0x80 >> (i & 7))) !== 0 : false;
      const scalar = !f.arraysize || f.arraysize === '1';
      const size = BINARY_SIZES[f.datatype];
      if (size === undefined) throw new QueryError(`UPLOAD of "${table}": datatype ${f.datatype} is not supported in binary uploads`);
      let count = 1;
      if (!scalar) {
        if (f.arraysize!.endsWith('*')) {
          need(4);
          count = buf.readUInt32BE(p);
          p += 4;
        } else count = f.arraysize!.split('x').reduce((a, b) => a * Number(b), 1);
      }
      need(count * size);
      const at = p;
      p += count * size;
      if (isNull) return row.push(null);
      if (!scalar || f.datatype === 'char' || f.datatype === 'unicodeChar') {
        if (f.datatype === 'char') return row.push(buf.subarray(at, at + count).toString('latin1').replace(/\0.*$/s, ''));
        if (f.datatype === 'unicodeChar') return row.push(buf.subarray(at, at + count * 2).swap16().toString('utf16le').replace(/\0.*$/s, ''));
        return row.push(`array of ${count}`);
      }
      switch (f.datatype) {
        case 'boolean': {
          const c = String.fromCharCode(buf[at]!);
          return row.push('Tt1'.includes(c) ? true : 'Ff0'.includes(c) ? false : null);
        }
        case 'unsignedByte':
          return row.push(buf[at]);
        case 'short':
          return row.push(buf.readInt16BE(at));
        case 'int':
          return row.push(buf.readInt32BE(at));
        case 'long':
          return row.push(buf.readBigInt64BE(at));
        case 'float': {
          const v = buf.readFloatBE(at);
          return row.push(Number.isNaN(v) ? null : v);
        }
        case 'double': {
          const v = buf.readDoubleBE(at);
          return row.push(Number.isNaN(v) ? null : v);
        }
      }
      return undefined;
    });
    rows.push(row);
    if (rows.length > MAX_ROWS) throw new QueryError(`UPLOAD of "${table}": more than ${MAX_ROWS} rows`);
  }
}

function convert(text: string, c: ColumnMeta, table: string): unknown {
  const s = text.trim();
  if (c.datatype === 'char') return text === '' ? null : text;
  if (s === '' || s === 'NaN') return null;
  if (c.datatype === 'boolean') {
    if (/^(t|true|1)$/i.test(s)) return true;
    if (/^(f|false|0)$/i.test(s)) return false;
    return null;
  }
  const n = Number(s);
  if (s === '' || Number.isNaN(n)) throw new QueryError(`UPLOAD of "${table}": "${text}" is not a valid ${c.datatype} in column ${c.name}`);
  if (c.datatype === 'long') return BigInt(s);
  return n;
}

function parseCsvLine(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function parseCsv(text: string, table: string): ParsedUpload {
  const all = parseCsvLine(text);
  const header = all.shift();
  if (!header) throw new QueryError(`UPLOAD of "${table}": the CSV file is empty`);
  if (all.length > MAX_ROWS) throw new QueryError(`UPLOAD of "${table}": more than ${MAX_ROWS} rows`);
  const names = uniqueNames(header, table);
  const columns: ColumnMeta[] = names.map((name, i) => {
    const values = all.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
    const ints = values.length > 0 && values.every((v) => /^[-+]?\d+$/.test(v));
    const nums = values.length > 0 && values.every((v) => v !== '' && !Number.isNaN(Number(v)));
    const big = ints && values.some((v) => Math.abs(Number(v)) > 2147483647);
    const t: { datatype: VoDatatype; sqlType: string } = ints
      ? big
        ? { datatype: 'long', sqlType: 'bigint' }
        : { datatype: 'int', sqlType: 'integer' }
      : nums
        ? { datatype: 'double', sqlType: 'double precision' }
        : { datatype: 'char', sqlType: 'varchar' };
    return { name, ...t, arraysize: t.datatype === 'char' ? '*' : undefined, description: `Uploaded column ${name}` };
  });
  const rows = all.map((r) => columns.map((c, i) => convert(r[i] ?? '', c, table)));
  return { columns, rows };
}

export function parseUpload(data: Buffer, contentType: string, filename: string, table: string): ParsedUpload {
  const text = data.toString('utf8');
  const head = text.slice(0, 512).trimStart();
  const looksXml = head.startsWith('<') || /xml|votable/i.test(contentType);
  if (looksXml) return parseVotable(text, table);
  if (/json|fits/i.test(contentType) || /\.(fits?|json)$/i.test(filename)) {
    throw new QueryError(`UPLOAD of "${table}": only VOTable and CSV files are supported`);
  }
  return parseCsv(text, table);
}
