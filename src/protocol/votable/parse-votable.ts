/**
 * VOTable decoding: `parseVotable` (synchronous, inline data) and
 * `parseVotableAsync` (also fetches STREAMs given by href and inflates gzip).
 *
 * The document is scanned once. Header elements become a small element tree;
 * the content of each TABLEDATA or inline STREAM is decoded in place, as soon
 * as the scanner reaches it, straight into columnar storage. See types.ts for
 * the value and null model.
 */

import { decodeBinaryRows } from './binary';
import { base64Source, decodeBase64, memorySource, type ByteSource } from './byte-source';
import { ColumnBuilder } from './column-builder';
import { makeFieldSpec, type FieldSpec } from './field-spec';
import {
  coosysOf,
  descriptionOf,
  fieldOf,
  groupOf,
  guessedDatatype,
  infoOf,
  linkOf,
  linksOf,
  noteInvalidCells,
  paramOf,
  timesysOf,
  type HeaderContext,
} from './header';
import { hydrate } from './table-access';
import { decodeTabledata } from './tabledata';
import {
  VotableError,
  type QueryStatus,
  type Serialization,
  type VoField,
  type VoResourceData,
  type VoTable,
  type VoTableData,
  type VoTableTableData,
} from './types';
import { plural, quoted, WarningLog } from './warnings';
import { scanXml, type XmlElement } from './xml-scan';

export interface DecodeProgress {
  /** Bytes of the document decoded so far. */
  bytes: number;
  totalBytes: number;
  /** Rows decoded so far (in the table being decoded, plus earlier tables). */
  rows: number;
}

export interface ParseOptions {
  onProgress?: (p: DecodeProgress) => void;
  /** Checked between chunks of work; decoding stops with a VotableError 'aborted'. */
  signal?: AbortSignal;
  /**
   * Contents of STREAMs given by href, keyed by the href as written: the
   * resource as fetched, with gzip already inflated (base64 is decoded here).
   */
  streams?: ReadonlyMap<string, Uint8Array>;
}

export interface ParseAsyncOptions extends Omit<ParseOptions, 'streams'> {
  /** Fetches the content of a STREAM href (default: global fetch). */
  fetchStream?: (href: string) => Promise<Uint8Array>;
}

interface DecodedData {
  serialization: Serialization;
  rows: number;
  columns: VoTableTableData['columns'];
}

interface TableState {
  fields: VoField[];
  data?: DecodedData;
}

function toBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (!(input instanceof Uint8Array)) throw new VotableError('not-votable', 'parseVotable needs a Uint8Array or a string.');
  // UTF-16 with a byte order mark: convert to UTF-8 first.
  if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    const text = new TextDecoder(input[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(input);
    return new TextEncoder().encode(text.replace(/^\uFEFF/, '').replace(/(<\?xml[^>]*encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2'));
  }
  return transcodeLatin1(input);
}

/**
 * A document declared ISO-8859-1 (or windows-1252) is converted to UTF-8
 * once, so that the scanners only ever see UTF-8. Base64
 * STREAM content is ASCII and does not change.
 */
function transcodeLatin1(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 256));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["'](iso-8859-1|latin-?1|iso8859-1|windows-1252)["']/i.exec(head);
  if (!m) return bytes;
  const text = new TextDecoder('windows-1252').decode(bytes);
  return new TextEncoder().encode(text.replace(/^(\s*<\?xml[^>]*encoding\s*=\s*["'])[^"']+/i, '$1UTF-8'));
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
}

const NROWS_LIMIT = 2 ** 31;

function declaredRowsOf(table: XmlElement): number | undefined {
  const nrows = table.attrs['nrows'];
  if (nrows === undefined || !/^\s*\d+\s*$/.test(nrows)) return undefined;
  const n = Number(nrows);
  return n < NROWS_LIMIT ? n : undefined;
}

/** The TABLE element with the given ID in the tree under `root`. */
function findTable(root: XmlElement, id: string): XmlElement | undefined {
  if (root.name === 'TABLE' && root.attrs['ID'] === id) return root;
  for (const c of root.children) {
    const found = findTable(c, id);
    if (found) return found;
  }
  return undefined;
}

class Decoder {
  private readonly tables = new Map<XmlElement, TableState>();
  private readonly total: number;
  private rowsBefore = 0;
  readonly log = new WarningLog();
  private root: XmlElement | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: ParseOptions,
  ) {
    this.total = bytes.length;
  }

  private stateOf(table: XmlElement): TableState {
    let st = this.tables.get(table);
    if (!st) {
      const ctx: HeaderContext = { log: this.log, table };
      let fields = table.children.filter((c) => c.name === 'FIELD').map((c) => fieldOf(c, ctx));
      const ref = table.attrs['ref'];
      const target = fields.length === 0 && ref !== undefined && this.root ? findTable(this.root, ref) : undefined;
      if (target && target !== table) {
        // A TABLE that gives no FIELDs of its own has those of the TABLE it references.
        fields = this.stateOf(target).fields;
        const name = table.attrs['name'] ?? table.attrs['ID'];
        this.log.add({
          code: 'table-ref',
          table,
          message: () => `The columns of ${name !== undefined ? `the table ${quoted(name)}` : 'a table'} are those of the table it references (${quoted(ref!)}).`,
        });
      }
      st = { fields };
      this.tables.set(table, st);
    }
    return st;
  }

  private progress(bytes: number, rows: number): void {
    checkAbort(this.options.signal);
    this.options.onProgress?.({ bytes, totalBytes: this.total, rows: this.rowsBefore + rows });
  }

  private builders(table: XmlElement, st: TableState, rows: number): { specs: FieldSpec[]; cols: ColumnBuilder[] } {
    if (st.data) throw new VotableError('malformed', 'A TABLE has more than one DATA element.');
    const specs = st.fields.map((f, i) => makeFieldSpec(f, i));
    const declared = declaredRowsOf(table);
    const initial = Math.min(rows, declared ?? rows);
    return { specs, cols: specs.map((s) => new ColumnBuilder(s, initial)) };
  }

  private finish(table: XmlElement, st: TableState, serialization: Serialization, cols: ColumnBuilder[], rows: number): void {
    noteInvalidCells(this.log, table, cols);
    st.data = { serialization, rows, columns: cols.map((c) => c.finish(rows)) };
    this.rowsBefore += rows;
  }

  run(): VoTableData {
    const bytes = this.bytes;
    const scan = scanXml(bytes, {
      warn: (w) => this.log.add(w),
      data: (el, start, ancestors) => {
        this.root = ancestors[0];
        const parent = ancestors[ancestors.length - 1];
        if (el.name === 'TABLEDATA') {
          const table = ancestors[ancestors.length - 2];
          if (parent?.name !== 'DATA' || table?.name !== 'TABLE') throw new VotableError('malformed', 'TABLEDATA outside TABLE/DATA.');
          checkAbort(this.options.signal);
          const st = this.stateOf(table);
          const { cols } = this.builders(table, st, 1024);
          const total = this.total;
          const nf = cols.length;
          const r = decodeTabledata(bytes, start, cols, {
            progress: (b, rows) => this.progress(b, rows),
            estimateRows: (rows, pos) => Math.ceil((rows * (total - start)) / Math.max(1, pos - start) * 1.02),
            onExtraCells: (row) =>
              this.log.add({
                code: 'extra-cells',
                table,
                row,
                message: (n) => `${plural(n, 'row')} had more cells than the table's ${plural(nf, 'column')}; the extra cells are ignored.`,
              }),
            onMissingCells: (row) =>
              this.log.add({
                code: 'missing-cells',
                table,
                row,
                message: (n) => `${plural(n, 'row')} had fewer cells than the table's ${plural(nf, 'column')}; the missing cells are shown as empty.`,
              }),
          });
          this.finish(table, st, 'TABLEDATA', cols, r.rows);
          return r.end;
        }
        // STREAM
        const table = ancestors[ancestors.length - 3];
        if (!parent || ancestors[ancestors.length - 2]?.name !== 'DATA' || table?.name !== 'TABLE') {
          throw new VotableError('malformed', 'STREAM outside TABLE/DATA.');
        }
        if (parent.name === 'FITS') throw new VotableError('not-supported', 'The FITS serialization of VOTable is not supported.');
        if (parent.name !== 'BINARY' && parent.name !== 'BINARY2') {
          throw new VotableError('malformed', `STREAM inside ${parent.name}.`);
        }
        if (el.attrs['href'] !== undefined) return undefined; // resolved after the scan
        const encoding = (el.attrs['encoding'] ?? 'base64').trim().toLowerCase();
        if (encoding !== 'base64') {
          throw new VotableError('not-supported', `Inline STREAM encoding '${encoding}' is not supported (only base64).`);
        }
        checkAbort(this.options.signal);
        const src = base64Source(bytes, start, bytes.length);
        this.decodeStream(table, parent.name, src);
        const end = src.finish();
        if (bytes[end] !== 0x3c) throw new VotableError('malformed', 'Truncated document inside STREAM.');
        return end;
      },
    });
    return this.build(scan.root);
  }

  private decodeStream(table: XmlElement, kind: string, src: ByteSource, inputOffset = 0): void {
    const st = this.stateOf(table);
    const guessed = st.fields.find((f) => guessedDatatype.has(f));
    if (guessed) {
      throw new VotableError(
        'not-supported',
        `The column '${guessed.name}' has no known datatype, so its width in ${kind} data is unknown.`,
      );
    }
    const { specs, cols } = this.builders(table, st, 16);
    const declaredRows = declaredRowsOf(table);
    const rows = decodeBinaryRows(src, specs, cols, kind === 'BINARY2', {
      progress: (pos, r) => this.progress(inputOffset + pos, r),
      ...(declaredRows !== undefined ? { declaredRows } : {}),
      onSliceCount: (field, row, count) =>
        this.log.add({
          code: 'array-length-slices',
          table,
          field: field.name,
          row,
          count,
          message: (n) =>
            `${plural(n, 'cell')} of ${quoted(field.name)} (arraysize ${field.arraysize ?? ''}) gave ${n === 1 ? 'its' : 'their'} length in slices, as astropy writes it, not in values as the VOTable standard says; ${n === 1 ? 'it was' : 'they were'} read that way.`,
        }),
    });
    this.finish(table, st, kind === 'BINARY2' ? 'BINARY2' : 'BINARY', cols, rows);
  }

  private externalStream(table: XmlElement, data: XmlElement): void {
    const holder = data.children.find((c) => c.name === 'BINARY' || c.name === 'BINARY2' || c.name === 'FITS');
    const stream = holder?.children.find((c) => c.name === 'STREAM');
    const href = stream?.attrs['href'];
    if (!holder || !stream || href === undefined) return;
    if (holder.name === 'FITS') throw new VotableError('not-supported', 'The FITS serialization of VOTable is not supported.');
    const raw = this.options.streams?.get(href);
    if (!raw) {
      throw new VotableError('not-supported', `The data of this table are in an external STREAM (${href}); use parseVotableAsync to fetch it.`);
    }
    const encoding = (stream.attrs['encoding'] ?? '').trim().toLowerCase();
    let bytes = raw;
    if (encoding === 'base64') bytes = decodeBase64(raw);
    else if (encoding === 'gzip') {
      if (raw[0] === 0x1f && raw[1] === 0x8b) {
        throw new VotableError('not-supported', 'gzip STREAM content must be inflated first (parseVotableAsync does this).');
      }
    } else if (encoding !== 'dynamic' && encoding !== '') throw new VotableError('not-supported', `STREAM encoding '${encoding}' is not supported.`);
    this.decodeStream(table, holder.name, memorySource(bytes));
  }

  private build(root: XmlElement): VoTableData {
    if (root.name !== 'VOTABLE') throw new VotableError('not-votable', `The document element is <${root.name}>, not <VOTABLE>.`);
    this.root = root;
    const built = new Map<VoTableTableData, XmlElement>();
    const header: HeaderContext = { log: this.log };
    let queryStatus: QueryStatus | null = null;
    const noteInfo = (el: XmlElement): void => {
      if (el.attrs['name'] === 'QUERY_STATUS') queryStatus = { status: (el.attrs['value'] ?? '').trim(), message: el.text.trim() };
    };
    const buildTable = (el: XmlElement): VoTableTableData => {
      const st = this.stateOf(el);
      const inTable: HeaderContext = { log: this.log, table: el };
      const t: VoTableTableData = {
        fields: st.fields,
        params: [],
        groups: [],
        infos: [],
        links: linksOf(el),
        serialization: null,
        rowCount: 0,
        columns: [],
      };
      const a = el.attrs;
      if (a['name'] !== undefined) t.name = a['name'];
      if (a['ID'] !== undefined) t.id = a['ID'];
      if (a['ref'] !== undefined) t.ref = a['ref'];
      if (a['ucd'] !== undefined) t.ucd = a['ucd'];
      if (a['utype'] !== undefined) t.utype = a['utype'];
      const d = descriptionOf(el);
      if (d !== undefined) t.description = d;
      const declared = declaredRowsOf(el);
      if (declared !== undefined) t.declaredRows = declared;
      for (const c of el.children) {
        if (c.name === 'PARAM') t.params.push(paramOf(c, inTable));
        else if (c.name === 'GROUP') t.groups.push(groupOf(c, inTable));
        else if (c.name === 'INFO') {
          t.infos.push(infoOf(c));
          noteInfo(c);
        } else if (c.name === 'DATA') {
          if (!st.data) this.externalStream(el, c);
          for (const i of c.children) {
            if (i.name === 'INFO') {
              t.infos.push(infoOf(i));
              noteInfo(i);
            }
          }
        }
      }
      if (st.data) {
        t.serialization = st.data.serialization;
        t.rowCount = st.data.rows;
        t.columns = st.data.columns;
      } else {
        // A table without data has no rows; its columns are empty.
        t.columns = st.fields.map((f, i) => new ColumnBuilder(makeFieldSpec(f, i), 0).finish(0));
      }
      built.set(t, el);
      return t;
    };
    const buildResource = (el: XmlElement): VoResourceData => {
      const r: VoResourceData = { infos: [], params: [], groups: [], coosys: [], timesys: [], links: [], tables: [], resources: [] };
      const a = el.attrs;
      if (a['name'] !== undefined) r.name = a['name'];
      if (a['ID'] !== undefined) r.id = a['ID'];
      if (a['type'] !== undefined) r.type = a['type'];
      if (a['utype'] !== undefined) r.utype = a['utype'];
      const d = descriptionOf(el);
      if (d !== undefined) r.description = d;
      for (const c of el.children) {
        switch (c.name) {
          case 'INFO':
            r.infos.push(infoOf(c));
            noteInfo(c);
            break;
          case 'PARAM':
            r.params.push(paramOf(c, header));
            break;
          case 'GROUP':
            r.groups.push(groupOf(c, header));
            break;
          case 'COOSYS':
            r.coosys.push(coosysOf(c));
            break;
          case 'TIMESYS':
            r.timesys.push(timesysOf(c));
            break;
          case 'LINK':
            r.links.push(linkOf(c));
            break;
          case 'TABLE':
            r.tables.push(buildTable(c));
            break;
          case 'RESOURCE':
            r.resources.push(buildResource(c));
            break;
        }
      }
      return r;
    };
    const doc: VoTableData = {
      version: root.attrs['version'] ?? '',
      infos: [],
      params: [],
      groups: [],
      coosys: [],
      timesys: [],
      resources: [],
      queryStatus: null,
      warnings: [],
    };
    const d = descriptionOf(root);
    if (d !== undefined) doc.description = d;
    for (const c of root.children) {
      switch (c.name) {
        case 'INFO':
          doc.infos.push(infoOf(c));
          noteInfo(c);
          break;
        case 'PARAM':
          doc.params.push(paramOf(c, header));
          break;
        case 'GROUP':
          doc.groups.push(groupOf(c, header));
          break;
        case 'COOSYS':
          doc.coosys.push(coosysOf(c));
          break;
        case 'TIMESYS':
          doc.timesys.push(timesysOf(c));
          break;
        case 'DEFINITIONS':
          for (const x of c.children) if (x.name === 'COOSYS') doc.coosys.push(coosysOf(x));
          break;
        case 'RESOURCE':
          doc.resources.push(buildResource(c));
          break;
      }
    }
    doc.queryStatus = queryStatus;
    // Table indexes in the order of VoTable.tables: a resource's own tables, then its nested resources'.
    const order = new Map<XmlElement, number>();
    const number = (r: VoResourceData): void => {
      for (const t of r.tables) order.set(built.get(t)!, order.size);
      r.resources.forEach(number);
    };
    doc.resources.forEach(number);
    doc.warnings = this.log.list((table) => order.get(table as XmlElement));
    return doc;
  }
}

/** Decodes a document into plain data (no accessors); used by the worker. */
export function decodeVotableData(input: Uint8Array | string, options: ParseOptions = {}): VoTableData {
  const bytes = toBytes(input);
  return new Decoder(bytes, options).run();
}

/**
 * Decodes a VOTable document (TABLEDATA, BINARY or BINARY2 with inline data).
 * Throws a VotableError for malformed, unsupported or hostile input.
 */
export function parseVotable(input: Uint8Array | string, options: ParseOptions = {}): VoTable {
  return hydrate(decodeVotableData(input, options));
}

/** The STREAMs given by href in a document, with their encoding (without decoding any data). */
export function externalStreams(input: Uint8Array | string): { href: string; encoding: string }[] {
  const { root } = scanXml(toBytes(input));
  const found: { href: string; encoding: string }[] = [];
  const visit = (el: XmlElement): void => {
    const href = el.attrs['href'];
    if (el.name === 'STREAM' && href !== undefined && !found.some((f) => f.href === href)) {
      found.push({ href, encoding: (el.attrs['encoding'] ?? '').trim().toLowerCase() });
    }
    el.children.forEach(visit);
  };
  visit(root);
  return found;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new VotableError('not-supported', 'gzip STREAMs need DecompressionStream, which this platform lacks.');
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new VotableError('malformed', 'The gzip STREAM could not be inflated.', { cause: err });
  }
}

async function defaultFetch(href: string): Promise<Uint8Array> {
  const res = await fetch(href);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${href}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Like parseVotable, but first fetches every STREAM given by href (with
 * `fetchStream`, default fetch) and inflates gzip content (encoding="gzip",
 * or "dynamic" content with the gzip signature).
 */
export async function parseVotableAsync(input: Uint8Array | string, options: ParseAsyncOptions = {}): Promise<VoTable> {
  return hydrate(await decodeVotableDataAsync(input, options));
}

/** parseVotableAsync without the accessors (plain, transferable data). */
export async function decodeVotableDataAsync(input: Uint8Array | string, options: ParseAsyncOptions = {}): Promise<VoTableData> {
  const bytes = toBytes(input);
  const streams = new Map<string, Uint8Array>();
  const fetchStream = options.fetchStream ?? defaultFetch;
  for (const { href, encoding } of externalStreams(bytes)) {
    checkAbort(options.signal);
    let raw: Uint8Array;
    try {
      raw = await fetchStream(href);
    } catch (err) {
      throw new VotableError('stream-fetch', `Could not fetch the STREAM ${href}.`, { cause: err });
    }
    const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
    if (encoding === 'gzip' || (encoding === 'dynamic' && gzipped)) raw = await gunzip(raw);
    streams.set(href, raw);
  }
  const { fetchStream: _f, ...rest } = options;
  return decodeVotableData(bytes, { ...rest, streams });
}
