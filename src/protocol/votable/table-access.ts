/**
 * Accessors over decoded columns (`cell`, `column`) and the rebuilding of a
 * `VoTable` from its plain data (after a transfer from a worker).
 */

import {
  HI as HI_,
  LO as LO_,
} from './column-builder';
import {
  makeFieldSpec as makeFieldSpec_,
} from './field-spec';
import { bytesToString as bytesToString_ } from './string-bytes';
import type {
  Cell,
  VoColumn,
  VoColumnData,
  VoStringColumnData,
  VoField,
  VoResource,
  VoResourceData,
  VoTable,
  VoTableData,
  VoTableTable,
  VoTableTableData,
} from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const HI = HI_;
const LO = LO_;
const makeFieldSpec = makeFieldSpec_;
const bytesToString = bytesToString_;

const TWO32 = 4294967296;

/** The exact value of int64 number `i` of `values`: a number when |v| <= 2^53 - 1, a bigint beyond. */
export function longAt(values: BigInt64Array, lo: Uint32Array, hi: Int32Array, i: number): number | bigint {
  const h = hi[2 * i + HI]!;
  const l = lo[2 * i + LO]!;
  if (h >= -2097152 && h < 2097152 && !(h === -2097152 && l === 0)) return h * TWO32 + l;
  return values[i]!;
}

export type Reader = (row: number) => Cell;

function nest(flat: Cell[], dims: number[]): Cell[] {
  // dims fastest first; the result's outermost level is the last dimension.
  let level: Cell[] = flat;
  for (let d = 0; d < dims.length - 1; d++) {
    const w = dims[d]!;
    if (w <= 0) break;
    const next: Cell[] = [];
    for (let k = 0; k < level.length; k += w) next.push(level.slice(k, k + w));
    level = next;
  }
  return level;
}

export function makeReader(column: VoColumnData | VoColumn, field: VoField): Reader {
  const nulls = column.nulls;
  switch (column.kind) {
    case 'string-bytes': {
      const { bytes, offsets } = column;
      return (r) => {
        const a = offsets[r]!;
        const e = offsets[r + 1]!;
        return a === e || nulls?.[r] ? null : bytesToString(bytes, a, e);
      };
    }
    case 'number': {
      const v = column.values;
      const float = column.datatype === 'float' || column.datatype === 'double';
      if (float) return (r) => (nulls?.[r] ? null : v[r]! !== v[r]! ? null : v[r]!);
      return (r) => (nulls?.[r] ? null : v[r]!);
    }
    case 'boolean': {
      const v = column.values;
      return (r) => (nulls?.[r] ? null : v[r] === 1);
    }
    case 'long': {
      const v = column.values;
      const lo = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
      const hi = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
      return (r) => (nulls?.[r] ? null : longAt(v, lo, hi, r));
    }
    case 'string': {
      const v = column.values;
      return (r) => v[r] ?? null;
    }
    case 'array':
      return arrayReader(column, field);
  }
}

function arrayReader(column: Extract<VoColumn, { kind: 'array' }>, field: VoField): Reader {
  const { values, offsets, nulls } = column;
  const spec = makeFieldSpec(field, 0);
  const nullNumber = spec.nullNumber;
  const nullBig = spec.nullBigint;
  const dt = field.datatype;
  const complex = dt === 'floatComplex' || dt === 'doubleComplex';
  const isChar = dt === 'char' || dt === 'unicodeChar';
  let element: (i: number) => Cell;
  if (Array.isArray(values)) element = (i) => values[i] ?? null;
  else if (values instanceof BigInt64Array) {
    const lo = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const hi = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    element = (i) => {
      const x = longAt(values, lo, hi, i);
      return x === nullNumber || x === nullBig ? null : x;
    };
  } else if (dt === 'boolean' || dt === 'bit') {
    const v = values as Uint8Array;
    element = (i) => (v[i] === 2 ? null : v[i] === 1);
  } else if (values instanceof Float32Array || values instanceof Float64Array) {
    element = (i) => {
      const x = values[i]!;
      return x !== x ? null : x;
    };
  } else {
    const v = values;
    element = (i) => {
      const x = v[i]!;
      return x === nullNumber ? null : x;
    };
  }
  const shape = field.shape;
  const dims = isChar ? shape.slice(1) : shape;
  return (r) => {
    if (nulls?.[r]) return null;
    const a = offsets[r]!;
    const b = offsets[r + 1]!;
    const out: Cell[] = [];
    if (complex) {
      for (let i = a; i < b; i += 2) {
        const re = element(i);
        const im = element(i + 1);
        out.push(re === null && im === null ? null : [re, im]);
      }
      if (shape.length === 0) return out[0] ?? null;
    } else {
      for (let i = a; i < b; i++) out.push(element(i));
    }
    if (out.length === 0) return null;
    return dims.length > 1 ? nest(out, dims) : out;
  };
}

const utf8 = new TextDecoder('utf-8');
/** Below V8's longest string. */
const MAX_TEXT = (1 << 29) - 64;

/** The text of bytes that are all ASCII (then byte offsets are string offsets), else null. */
function asciiText(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_TEXT) return null;
  const text = utf8.decode(bytes);
  // Fewer characters than bytes: multi-byte sequences; U+FFFD: an invalid byte (one character for one byte).
  return text.length === bytes.length && text.indexOf('\uFFFD') < 0 ? text : null;
}

/**
 * The strings of a string column (made once per column). An ASCII column is
 * decoded as one text and cut into slices, which is several times faster
 * than a string per cell, and its longer strings share that text.
 */
function materialize(column: VoStringColumnData): VoColumn {
  const { bytes, offsets, nulls } = column;
  const n = offsets.length - 1;
  const values = new Array<string | null>(n);
  const text = asciiText(bytes);
  for (let r = 0; r < n; r++) {
    const a = offsets[r]!;
    const e = offsets[r + 1]!;
    values[r] = a === e || nulls?.[r] ? null : text !== null ? text.slice(a, e) : bytesToString(bytes, a, e);
  }
  return { kind: 'string', values, nulls };
}

export function hydrateTable(data: VoTableTableData): VoTableTable {
  const readers: (Reader | undefined)[] = new Array(data.columns.length);
  const materialized: (VoColumn | undefined)[] = new Array(data.columns.length);
  const table: VoTableTable = {
    ...data,
    cell(row: number, col: number): Cell {
      if (!(row >= 0 && row < data.rowCount)) throw new RangeError(`Row ${row} is outside 0..${data.rowCount - 1}.`);
      let reader = readers[col];
      if (!reader) {
        const column = data.columns[col];
        const field = data.fields[col];
        if (!column || !field) throw new RangeError(`Column ${col} is outside 0..${data.columns.length - 1}.`);
        reader = readers[col] = makeReader(column, field);
      }
      return reader(row);
    },
    column(col: number): VoColumn {
      const column = data.columns[col];
      if (!column) throw new RangeError(`Column ${col} is outside 0..${data.columns.length - 1}.`);
      if (column.kind !== 'string-bytes') return column;
      return (materialized[col] ??= materialize(column));
    },
  };
  return table;
}

function hydrateResource(r: VoResourceData, tables: VoTableTable[]): VoResource {
  const own = r.tables.map((t) => {
    const h = hydrateTable(t);
    tables.push(h);
    return h;
  });
  return { ...r, tables: own, resources: r.resources.map((x) => hydrateResource(x, tables)) };
}

/** Rebuilds the accessors of a document from its plain data. */
export function hydrate(data: VoTableData): VoTable {
  const tables: VoTableTable[] = [];
  const resources = data.resources.map((r) => hydrateResource(r, tables));
  return { ...data, resources, tables };
}

/** The plain data of a document, without accessors (for postMessage). */
export function dehydrate(doc: VoTable): VoTableData {
  const strip = (t: VoTableTable): VoTableTableData => {
    const { cell: _c, column: _k, ...rest } = t;
    return rest;
  };
  const res = (r: VoResource): VoResourceData => ({ ...r, tables: r.tables.map(strip), resources: r.resources.map(res) });
  const { tables: _t, ...rest } = doc;
  return { ...rest, resources: doc.resources.map(res) };
}
