import type { Cell, VoDatatype, VoTableTable } from '../../protocol/votable/types';
import { cellText } from './format-cell';

/**
 * CSV export (RFC 4180): CRLF line ends, a header row of field names, fields
 * quoted when they hold a comma, quote, CR or LF, quotes doubled. Numbers are
 * written exactly as shown in the grid. Null is an empty field; an empty
 * string is `""`, so the two stay distinct. Arrays are space-separated
 * elements, always quoted.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula. Following OWASP's CSV injection guidance,
 * such text (cells of text columns, and column names) is written with a
 * leading `'` and quoted, so it opens as the text it is. Numbers of numeric
 * columns (and their arrays) are written as numbers, `-1` included.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function quoteCsv(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Text a spreadsheet would read as a formula, made inert: `'` in front, quoted. */
export function neutralisedText(text: string): string {
  if (FORMULA_START.test(text)) return quoteCsv(`'${text}`);
  return NEEDS_QUOTES.test(text) || text === '' ? quoteCsv(text) : text;
}

const isTextDatatype = (datatype: VoDatatype) => datatype === 'char' || datatype === 'unicodeChar';

export function csvField(value: Cell, datatype: VoDatatype): string {
  if (value === null) return '';
  if (value === '') return '""';
  const text = cellText(value, datatype);
  if (typeof value === 'string' || isTextDatatype(datatype)) return neutralisedText(text);
  if (Array.isArray(value)) return quoteCsv(text);
  return NEEDS_QUOTES.test(text) ? quoteCsv(text) : text;
}

export function csvHeader(table: Pick<VoTableTable, 'fields'>): string {
  return table.fields.map((field) => neutralisedText(field.name)).join(',');
}

export interface CsvOptions {
  /** Rows in the order to write (e.g. the sort order shown); all rows in table order when absent. */
  order?: Uint32Array | null;
  /** Rows per string chunk; the Blob is assembled from the chunks. */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The table as a CSV Blob, built chunk by chunk so that a million-row table
 * never becomes one giant string, yielding to the browser between chunks.
 */
export async function tableToCsvBlob(table: VoTableTable, options: CsvOptions = {}): Promise<Blob> {
  const { order = null, chunkRows = 20_000, signal, onProgress } = options;
  const total = order ? order.length : table.rowCount;
  const columnCount = table.fields.length;
  const datatypes = table.fields.map((field) => field.datatype);
  const parts: string[] = [csvHeader(table) + '\r\n'];
  for (let start = 0; start < total; start += chunkRows) {
    signal?.throwIfAborted();
    const end = Math.min(total, start + chunkRows);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const row = order ? order[i]! : i;
      const fields: string[] = new Array<string>(columnCount);
      for (let col = 0; col < columnCount; col++) fields[col] = csvField(table.cell(row, col), datatypes[col]!);
      lines.push(fields.join(','));
    }
    parts.push(lines.join('\r\n') + '\r\n');
    onProgress?.(end, total);
    if (end < total) await yieldToBrowser();
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
