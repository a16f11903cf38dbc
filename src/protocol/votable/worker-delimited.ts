/**
 * CSV (RFC 4180) and TSV results as a table, parsed with papaparse. The first
 * line names the columns (as TAP services write it). Each column gets the
 * narrowest type all its non-empty cells fit: boolean, int, long, double, or
 * else text; an empty cell is null. Rows with too few cells get nulls, extra
 * cells are ignored, as TOPCAT reads them.
 */
import Papa from 'papaparse';
import type { VoColumnData, VoDatatype, VoField, VoTableData, VoTableTableData } from './types';

export type DelimitedFormat = 'csv' | 'tsv';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^(?:[+-]?(?:inf|infinity)|nan)$/i;
const BOOLEAN = /^(?:true|false)$/i;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Rows of cells from delimited text; `preview` stops after that many rows (header included). */
export function parseDelimitedRows(text: string, format: DelimitedFormat, preview = 0): string[][] {
  const result = Papa.parse<string[]>(text, {
    delimiter: format === 'csv' ? ',' : '\t',
    // TSV (text/tab-separated-values) has no quoting: a quote is a character like any other.
    quoteChar: format === 'csv' ? '"' : '\u0000',
    skipEmptyLines: true,
    preview,
  });
  return result.data;
}

type ColumnType = 'boolean' | 'int' | 'long' | 'double' | 'text';

function columnType(rows: string[][], col: number): ColumnType {
  let type: ColumnType | null = null;
  let sawInteger = false;
  let fitsInt = true;
  let fitsLong = true;
  let allBoolean = true;
  let allNumber = true;
  for (let r = 1; r < rows.length; r++) {
    const cell = rows[r]![col];
    if (cell === undefined || cell === '') continue;
    const text = cell.trim();
    if (allBoolean && !BOOLEAN.test(text)) allBoolean = false;
    if (allNumber) {
      if (INTEGER.test(text)) {
        sawInteger = true;
        if (fitsLong) {
          const value = BigInt(text);
          if (value < INT64_MIN || value > INT64_MAX) fitsLong = fitsInt = false;
          else if (value < INT32_MIN || value > INT32_MAX) fitsInt = false;
        }
      } else if (DECIMAL.test(text) || SPECIAL_FLOAT.test(text)) {
        fitsInt = fitsLong = false;
      } else {
        allNumber = false;
      }
    }
    if (!allBoolean && !allNumber) return 'text';
    type = 'text';
  }
  if (type === null) return 'text';
  if (allBoolean) return 'boolean';
  if (!allNumber) return 'text';
  if (sawInteger && fitsInt) return 'int';
  if (sawInteger && fitsLong) return 'long';
  return 'double';
}

function parseFloatCell(text: string): number {
  if (SPECIAL_FLOAT.test(text)) {
    const lower = text.toLowerCase();
    if (lower === 'nan') return Number.NaN;
    return lower.startsWith('-') ? -Infinity : Infinity;
  }
  return Number(text);
}

function buildColumn(rows: string[][], col: number, type: ColumnType): VoColumnData {
  const count = rows.length - 1;
  let nulls: Uint8Array | null = null;
  const markNull = (r: number) => {
    nulls ??= new Uint8Array(count);
    nulls[r] = 1;
  };
  const cellAt = (r: number): string | null => {
    const cell = rows[r + 1]![col];
    if (cell === undefined || cell === '') return null;
    return type === 'text' ? cell : cell.trim();
  };
  switch (type) {
    case 'boolean': {
      const values = new Uint8Array(count);
      for (let r = 0; r < count; r++) {
        const cell = cellAt(r);
        if (cell === null) markNull(r);
        else values[r] = cell.toLowerCase() === 'true' ? 1 : 0;
      }
      return { kind: 'boolean', values, nulls };
    }
    case 'int': {
      const values = new Int32Array(count);
      for (let r = 0; r < count; r++) {
        const cell = cellAt(r);
        if (cell === null) markNull(r);
        else values[r] = Number(cell);
      }
      return { kind: 'number', datatype: 'int', values, nulls };
    }
    case 'long': {
      const values = new BigInt64Array(count);
      for (let r = 0; r < count; r++) {
        const cell = cellAt(r);
        if (cell === null) markNull(r);
        else values[r] = BigInt(cell);
      }
      return { kind: 'long', values, nulls };
    }
    case 'double': {
      const values = new Float64Array(count);
      for (let r = 0; r < count; r++) {
        const cell = cellAt(r);
        if (cell === null) {
          markNull(r);
          values[r] = Number.NaN;
        } else values[r] = parseFloatCell(cell);
      }
      return { kind: 'number', datatype: 'double', values, nulls };
    }
    default: {
      const encoder = new TextEncoder();
      const offsets = new Uint32Array(count + 1);
      let bytes = new Uint8Array(Math.max(64, count * 16));
      let used = 0;
      for (let r = 0; r < count; r++) {
        const cell = cellAt(r);
        if (cell === null) markNull(r);
        else {
          // At most 3 bytes per UTF-16 unit.
          const need = used + cell.length * 3;
          if (need > bytes.length) {
            const grown = new Uint8Array(Math.max(need, bytes.length * 2));
            grown.set(bytes.subarray(0, used));
            bytes = grown;
          }
          used += encoder.encodeInto(cell, bytes.subarray(used)).written;
        }
        offsets[r + 1] = used;
      }
      return { kind: 'string-bytes', bytes: bytes.slice(0, used), offsets, nulls };
    }
  }
}

const DATATYPES: Record<ColumnType, VoDatatype> = { boolean: 'boolean', int: 'int', long: 'long', double: 'double', text: 'unicodeChar' };

/** The rows (header first) as a one-table document. */
export function delimitedTable(rows: string[][], format: DelimitedFormat): VoTableData {
  const header = rows[0] ?? [];
  const names = header.map((name, i) => name.trim() || `col${i + 1}`);
  const types = names.map((_, col) => columnType(rows, col));
  const fields: VoField[] = names.map((name, col) => {
    const type = types[col]!;
    return type === 'text'
      ? { name, datatype: DATATYPES[type], arraysize: '*', shape: [-1], links: [] }
      : { name, datatype: DATATYPES[type], shape: [], links: [] };
  });
  const table: VoTableTableData = {
    name: format.toUpperCase(),
    fields,
    params: [],
    groups: [],
    infos: [],
    links: [],
    serialization: null,
    rowCount: Math.max(0, rows.length - 1),
    columns: types.map((type, col) => buildColumn(rows, col, type)),
  };
  const document = {
    version: '',
    infos: [],
    params: [],
    groups: [],
    coosys: [],
    timesys: [],
    resources: [{ infos: [], params: [], groups: [], coosys: [], timesys: [], links: [], tables: [table], resources: [] }],
    queryStatus: null,
    warnings: [],
  };
  return document as VoTableData;
}

/** A whole CSV or TSV document as a table. */
export function decodeDelimited(text: string, format: DelimitedFormat): VoTableData {
  return delimitedTable(parseDelimitedRows(text.replace(/^\uFEFF/, ''), format), format);
}

/**
 * The first rows of a document still arriving: the text up to its last
 * complete line, at most `maxRows` rows.
 */
export function decodeDelimitedHead(text: string, format: DelimitedFormat, maxRows: number): VoTableData | null {
  const end = text.lastIndexOf('\n');
  if (end < 0) return null;
  const rows = parseDelimitedRows(text.slice(0, end + 1).replace(/^\uFEFF/, ''), format, maxRows + 1);
  return rows.length > 1 ? delimitedTable(rows, format) : null;
}
