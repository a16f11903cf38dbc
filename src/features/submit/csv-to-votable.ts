/**
 * TAP_UPLOAD takes VOTable. A CSV (or TSV) file is turned into a VOTable with
 * TABLEDATA in the browser: the first row names the columns, and each
 * column's type is the narrowest of long, double and char that fits every
 * non-empty cell. Empty cells are nulls.
 */

export interface CsvTable {
  names: string[];
  rows: string[][];
}

/** RFC 4180 parsing with a delimiter guessed from the header line (comma, tab or semicolon). */
export function parseCsv(text: string): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];

  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && body[i + 1] === '\n') i++;
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  const header = nonEmpty.shift();
  if (!header || header.every((h) => h.trim() === '')) throw new Error('The CSV file has no header line naming its columns.');
  const names = header.map((h, index) => h.trim() || `col${index + 1}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase())) throw new Error(`The CSV header names the column “${name}” twice.`);
    seen.add(name.toLowerCase());
  }
  nonEmpty.forEach((row, index) => {
    if (row.length !== names.length) {
      throw new Error(`Line ${index + 2} of the CSV file has ${row.length} fields where the header has ${names.length}.`);
    }
  });
  return { names, rows: nonEmpty };
}

type ColumnType = 'long' | 'double' | 'char';

const LONG = /^[+-]?\d{1,18}$/;
const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Infinity|inf)$|^NaN$/i;

function columnType(values: readonly string[]): ColumnType {
  let type: ColumnType = 'long';
  let any = false;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    any = true;
    if (type === 'long' && !LONG.test(v)) type = 'double';
    if (type === 'double' && !DOUBLE.test(v)) return 'char';
  }
  return any ? type : 'char';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cell(value: string, type: ColumnType): string {
  const v = type === 'char' ? value : value.trim();
  if (type === 'double' && /^inf$/i.test(v.replace(/^[+-]/, ''))) return v.startsWith('-') ? '-Inf' : '+Inf';
  return escapeXml(v);
}

export function tableToVotable(table: CsvTable, tableName: string): string {
  const types = table.names.map((_, c) => columnType(table.rows.map((r) => r[c] ?? '')));
  const fields = table.names
    .map((name, c) => {
      const type = types[c]!;
      const datatype = type === 'char' ? 'datatype="char" arraysize="*"' : `datatype="${type}"`;
      return `<FIELD name="${escapeXml(name)}" ${datatype}/>`;
    })
    .join('\n');
  const rows = table.rows.map((r) => `<TR>${r.map((v, c) => `<TD>${cell(v, types[c]!)}</TD>`).join('')}</TR>`).join('\n');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">\n' +
    `<RESOURCE type="results"><TABLE name="${escapeXml(tableName)}">\n${fields}\n<DATA><TABLEDATA>\n${rows}\n</TABLEDATA></DATA></TABLE></RESOURCE>\n` +
    '</VOTABLE>\n'
  );
}

/** True when the text looks like XML (a VOTable) rather than CSV. */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

export interface PreparedUpload {
  file: Blob;
  kind: 'votable' | 'csv';
  /** Rows and columns when the file was CSV. */
  rows?: number;
  columns?: number;
}

/** A Blob's text (FileReader where Blob.text is missing). */
export function readText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(blob);
  });
}

/** A file as TAP_UPLOAD wants it: a VOTable as is, a CSV converted. */
export async function prepareUpload(file: Blob, tableName: string): Promise<PreparedUpload> {
  const text = await readText(file);
  if (looksLikeXml(text)) {
    if (!/<VOTABLE[\s>]/.test(text)) throw new Error('The file is XML but not a VOTable.');
    return { file, kind: 'votable' };
  }
  const table = parseCsv(text);
  const xml = tableToVotable(table, tableName);
  return { file: new Blob([xml], { type: 'application/x-votable+xml' }), kind: 'csv', rows: table.rows.length, columns: table.names.length };
}
