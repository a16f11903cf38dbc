/**
 * Public types of the VOTable decoder.
 *
 * A decoded document is plain data (`VoTableData`, structured-cloneable, its
 * column buffers transferable from a Web Worker) wrapped by `VoTable`, which
 * adds the accessors `cell(row, col)` and `column(col)` per table.
 *
 * Value model (identical for TABLEDATA, BINARY and BINARY2):
 * - boolean -> boolean; bit -> boolean; unsignedByte, short, int, float,
 *   double -> number (float is the exact float32 value, i.e. Math.fround-exact).
 * - long -> number when |v| <= 2^53 - 1, bigint beyond (exact). Column storage
 *   is always a BigInt64Array.
 * - char / unicodeChar: one string per cell when the field has an arraysize
 *   (a 1-D char array), one string per sub-array for 2-D char arrays
 *   (`string[]`, nested further for more dimensions). A char without arraysize
 *   is a one-character string. Trailing NUL padding is removed.
 * - floatComplex / doubleComplex -> `[re, im]`.
 * - Numeric arrays -> `Cell[]`; multidimensional arrays are nested with the
 *   first (fastest-varying) VOTable dimension innermost, so arraysize="2x3"
 *   gives 3 arrays of 2 values (the same shape as astropy's (3, 2)).
 *
 * Null model ("an empty value is null"): cell() returns null for
 * - a BINARY2 null flag or an empty TABLEDATA cell,
 * - an integer equal to the field's VALUES null,
 * - a float or double that is NaN (the VOTable null for floating point),
 * - a boolean written as '?', NUL, space or blank,
 * - an empty string and a zero-length variable array,
 * - an array all of whose elements are null.
 * Inside arrays, single null elements are null. Infinities stay numbers.
 *
 * Longer than 300 lines: the decoder's public types, documented, in one place.
 */

export type Cell = null | boolean | number | bigint | string | Cell[];

export type VoDatatype =
  | 'boolean'
  | 'bit'
  | 'unsignedByte'
  | 'short'
  | 'int'
  | 'long'
  | 'char'
  | 'unicodeChar'
  | 'float'
  | 'double'
  | 'floatComplex'
  | 'doubleComplex';

export type Serialization = 'TABLEDATA' | 'BINARY' | 'BINARY2' | 'FITS';

export interface VoLink {
  href?: string;
  contentRole?: string;
  contentType?: string;
  title?: string;
  value?: string;
  action?: string;
  id?: string;
}

export interface VoValues {
  /** The VALUES `null` attribute, as written. */
  null?: string;
  min?: string;
  max?: string;
  options: { name?: string; value: string }[];
}

export interface VoField {
  name: string;
  id?: string;
  datatype: VoDatatype;
  /** The arraysize attribute as written (e.g. "10", "*", "2x3", "10*"). */
  arraysize?: string;
  /**
   * Parsed arraysize, fastest-varying first. The last dimension may be
   * variable: -1 for `*` or `n*` (n stays in `arraysize`).
   * Empty for scalars. A 1-D char/unicodeChar array is a single string.
   */
  shape: number[];
  unit?: string;
  ucd?: string;
  utype?: string;
  xtype?: string;
  precision?: string;
  width?: number;
  ref?: string;
  description?: string;
  /** The VALUES `null` attribute (integers: the value that means null). */
  nullValue?: string;
  values?: VoValues;
  links: VoLink[];
}

export interface VoParam extends VoField {
  /** The `value` attribute as written. */
  value: string;
  /** The value decoded by the same rules as a TABLEDATA cell. */
  cell: Cell;
}

export interface VoInfo {
  name: string;
  id?: string;
  value: string;
  /** The element's text content (e.g. the error message of QUERY_STATUS). */
  content: string;
  ucd?: string;
  utype?: string;
  ref?: string;
  unit?: string;
  xtype?: string;
}

export interface VoCoosys {
  id?: string;
  system?: string;
  equinox?: string;
  epoch?: string;
  refposition?: string;
}

export interface VoTimesys {
  id?: string;
  timeorigin?: string;
  timescale?: string;
  refposition?: string;
}

export interface VoGroup {
  name?: string;
  id?: string;
  ucd?: string;
  utype?: string;
  ref?: string;
  description?: string;
  params: VoParam[];
  fieldRefs: string[];
  paramRefs: string[];
  groups: VoGroup[];
}

/**
 * Columnar storage of one field. `nulls` (1 = null) is null when no cell of
 * the column is null. Typed arrays have length rowCount (scalars) or the flat
 * element count (arrays); all their buffers are transferable.
 */
export type VoColumn =
  | {
      kind: 'boolean';
      /** 0 = false, 1 = true; nulls mark the rest. */
      values: Uint8Array;
      nulls: Uint8Array | null;
    }
  | {
      kind: 'number';
      datatype: 'unsignedByte' | 'short' | 'int' | 'float' | 'double';
      values: Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array;
      nulls: Uint8Array | null;
    }
  | {
      kind: 'long';
      values: BigInt64Array;
      nulls: Uint8Array | null;
    }
  | {
      kind: 'string';
      /** One string per row; null for null cells. */
      values: (string | null)[];
      nulls: Uint8Array | null;
    }
  | {
      /** Any array field other than a 1-D string; also complex scalars. */
      kind: 'array';
      datatype: VoDatatype;
      shape: number[];
      /**
       * Flat element storage. Numbers/longs/booleans in a typed array
       * (boolean and bit: 0 false, 1 true, 2 null); complex numbers as
       * consecutive re, im; 2-D char arrays as one string per sub-array.
       */
      values: Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array | BigInt64Array | (string | null)[];
      /** Row r's elements are values[offsets[r] .. offsets[r + 1]) (in units of `values` entries). */
      offsets: Uint32Array;
      nulls: Uint8Array | null;
    };

/**
 * Stored form of a string column (char/unicodeChar scalars and 1-D arrays):
 * the UTF-8 bytes of all cells back to back, row r in
 * bytes[offsets[r] .. offsets[r + 1]). Strings are made on access, so that
 * decoding and the transfer from a worker copy no strings at all.
 */
export interface VoStringColumnData {
  kind: 'string-bytes';
  bytes: Uint8Array;
  offsets: Uint32Array;
  nulls: Uint8Array | null;
}

/** Stored form of a column: `column(col)` gives VoColumn (string columns as strings). */
export type VoColumnData = Exclude<VoColumn, { kind: 'string' }> | VoStringColumnData;

/** Plain-data form of a table: what the worker transfers. */
export interface VoTableTableData {
  name?: string;
  id?: string;
  ref?: string;
  ucd?: string;
  utype?: string;
  description?: string;
  fields: VoField[];
  params: VoParam[];
  groups: VoGroup[];
  infos: VoInfo[];
  links: VoLink[];
  /** The serialization the data came in, or null for a table without DATA. */
  serialization: Serialization | null;
  /** The `nrows` attribute when given (may disagree with rowCount). */
  declaredRows?: number;
  rowCount: number;
  columns: VoColumnData[];
}

export interface VoTableTable extends VoTableTableData {
  /** The value of one cell (see the value and null model above). */
  cell(row: number, col: number): Cell;
  /**
   * Typed storage of one column, for bulk access. For a string column the
   * strings are made on the first call (then cached).
   */
  column(col: number): VoColumn;
}

export interface VoResourceData<T = VoTableTableData> {
  name?: string;
  id?: string;
  type?: string;
  utype?: string;
  description?: string;
  infos: VoInfo[];
  params: VoParam[];
  groups: VoGroup[];
  coosys: VoCoosys[];
  timesys: VoTimesys[];
  links: VoLink[];
  tables: T[];
  resources: VoResourceData<T>[];
}

export type VoResource = VoResourceData<VoTableTable>;

export interface QueryStatus {
  /** 'OK', 'ERROR', 'OVERFLOW' (or whatever the service wrote). */
  status: string;
  /** The INFO's text content, or '' when empty. */
  message: string;
}

/** Plain-data form of a document. */
export interface VoTableData<T = VoTableTableData> {
  /** The VOTABLE version attribute ('' when absent). */
  version: string;
  description?: string;
  /** INFOs directly under VOTABLE. */
  infos: VoInfo[];
  params: VoParam[];
  groups: VoGroup[];
  coosys: VoCoosys[];
  timesys: VoTimesys[];
  resources: VoResourceData<T>[];
  /**
   * The last QUERY_STATUS INFO in document order (a trailing INFO after the
   * TABLE overrides the one before it), or null when there is none.
   */
  queryStatus: QueryStatus | null;
  /**
   * What the decoder tolerated instead of refusing the document, one entry
   * per kind, table and field (in document order of first occurrence).
   */
  warnings: VotableWarning[];
}

export type VotableWarningCode =
  /** A DOCTYPE with only an external identifier: ignored, never fetched. */
  | 'doctype-ignored'
  /** Cells that do not parse as their datatype (or array size): read as null. */
  | 'invalid-cell'
  /** A FIELD or PARAM without datatype: read as char. */
  | 'missing-datatype'
  /** A FIELD or PARAM with a datatype VOTable does not define: read as char (unicodeString as unicodeChar). */
  | 'unknown-datatype'
  /** A PARAM value that does not parse as its datatype: kept as text. */
  | 'param-as-text'
  /** TABLEDATA rows with more TDs than fields: the extra cells are ignored. */
  | 'extra-cells'
  /** TABLEDATA rows with fewer TDs than fields: the missing cells are null. */
  | 'missing-cells'
  /** A TABLE whose FIELDs are those of the TABLE it references. */
  | 'table-ref'
  /**
   * Variable-length multidimensional array cells whose length prefix counts
   * the slices of the fixed dimensions (as astropy writes it), not the
   * primitives (as the VOTable standard and STIL do).
   */
  | 'array-length-slices';

/**
 * One tolerated deviation, aggregated: `count` occurrences (cells, rows or
 * elements, as the message says), the first in row `firstRow`.
 */
export interface VotableWarning {
  code: VotableWarningCode;
  /** Plain words for the user, e.g. "12 cells of `flux` were not numbers; they are shown as empty." */
  message: string;
  /** Index of the table in `VoTable.tables`, when the warning is about a table's header or data. */
  table?: number;
  /** The FIELD or PARAM name, when it is about one. */
  field?: string;
  count: number;
  /** 0-based row of the first occurrence, when it is about rows. */
  firstRow?: number;
}

export interface VoTable extends VoTableData<VoTableTable> {
  /**
   * All tables of all resources, depth first: a resource's own tables, then
   * those of its nested resources.
   */
  tables: VoTableTable[];
}

export type VotableErrorCode =
  /** Not XML or not a VOTABLE document. */
  | 'not-votable'
  /** Malformed XML, truncated document or stream. */
  | 'malformed'
  /** Data that contradicts the header (cell count, arraysize, values). */
  | 'invalid-data'
  /** Invalid base64 in a STREAM. */
  | 'invalid-base64'
  /** FITS serialization, unknown encodings or datatypes, DOCTYPE/entities. */
  | 'not-supported'
  /** A declared size beyond the decoder's limits. */
  | 'too-large'
  /** A STREAM href that could not be fetched. */
  | 'stream-fetch'
  /** Decoding was aborted by the caller. */
  | 'aborted';

export class VotableError extends Error {
  override name = 'VotableError';
  readonly code: VotableErrorCode;

  constructor(code: VotableErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
