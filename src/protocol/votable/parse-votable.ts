/**
 * VOTable decoding: `parseVotable` (synchronous, inline data) and
 * `parseVotableAsync` (also fetches STREAMs given by href and inflates gzip).
 *
 * The document is scanned once. Header elements become a small element tree;
 * the content of each TABLEDATA or inline STREAM is decoded in place, as soon
 * as the scanner reaches it, straight into columnar storage. See types.ts for
 * the value and null model.
 */

import { decodeFitsSerialization } from '../fits/votable-fits';
import { decodeBinaryRows } from './binary';
import { base64Source, decodeBase64, memorySource, type ByteSource } from './byte-source';
import { ColumnBuilder } from './column-builder';
import { makeFieldSpec, type FieldSpec } from './field-spec';
import { fieldOf, guessedDatatype, noteInvalidCells, type HeaderContext } from './header';
import { buildDocument, declaredRowsOf, type DecodedData, type TableState } from './document-builder';
import { toBytes } from './input-bytes';
import { hydrate } from './table-access';
import { decodeTabledata } from './tabledata';
import { VotableError, type Serialization, type VoTable, type VoTableData } from './types';
import { cellCountNote, quoted, sliceNote, WarningLog, type WarningOccurrence } from './warnings';
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

/** The data of a TABLE decoded before the document is (by the streaming decoder), with what it tolerated. */
export interface PredecodedData extends DecodedData {
  /** Warnings about the data; their table is set when the document is built. */
  notes: WarningOccurrence[];
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
}


/** The TABLE element with the given ID in the tree under `root`. */
export function findTable(root: XmlElement, id: string): XmlElement | undefined {
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

  private nextPredecoded = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: ParseOptions,
    /** Data of the first TABLEDATA and STREAM elements, in document order, decoded already (their content is left out). */
    private readonly predecoded: readonly PredecodedData[] = [],
  ) {
    this.total = bytes.length;
  }

  stateOf(table: XmlElement): TableState {
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
        const ready = this.predecoded[this.nextPredecoded];
        if (ready) {
          this.nextPredecoded++;
          const table = ancestors[ancestors.length - (el.name === 'TABLEDATA' ? 2 : 3)]!;
          const st = this.stateOf(table);
          if (st.data) throw new VotableError('malformed', 'A TABLE has more than one DATA element.');
          st.data = { serialization: ready.serialization, rows: ready.rows, columns: ready.columns };
          this.rowsBefore += ready.rows;
          for (const note of ready.notes) this.log.add({ ...note, table });
          return start;
        }
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
            onExtraCells: (row) => this.log.add({ ...cellCountNote('extra-cells', row, nf), table }),
            onMissingCells: (row) => this.log.add({ ...cellCountNote('missing-cells', row, nf), table }),
          });
          this.finish(table, st, 'TABLEDATA', cols, r.rows);
          return r.end;
        }
        // STREAM
        const table = ancestors[ancestors.length - 3];
        if (!parent || ancestors[ancestors.length - 2]?.name !== 'DATA' || table?.name !== 'TABLE') {
          throw new VotableError('malformed', 'STREAM outside TABLE/DATA.');
        }
        if (parent.name !== 'FITS' && parent.name !== 'BINARY' && parent.name !== 'BINARY2') {
          throw new VotableError('malformed', `STREAM inside ${parent.name}.`);
        }
        if (el.attrs['href'] !== undefined) return undefined; // resolved after the scan
        const encoding = (el.attrs['encoding'] ?? 'base64').trim().toLowerCase();
        if (encoding !== 'base64') {
          throw new VotableError('not-supported', `Inline STREAM encoding '${encoding}' is not supported (only base64).`);
        }
        checkAbort(this.options.signal);
        if (parent.name === 'FITS') {
          const end = bytes.indexOf(0x3c, start);
          if (end < 0) throw new VotableError('malformed', 'Truncated document inside STREAM.');
          this.decodeFitsStream(table, parent, decodeBase64(bytes, start, end));
          return end;
        }
        const src = base64Source(bytes, start, bytes.length);
        this.decodeStream(table, parent.name, src);
        const end = src.finish();
        if (bytes[end] !== 0x3c) throw new VotableError('malformed', 'Truncated document inside STREAM.');
        return end;
      },
    });
    this.root = scan.root;
    return buildDocument(scan.root, this);
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
      onSliceCount: (field, row, count) => this.log.add({ ...sliceNote(field, row, count), table }),
    });
    this.finish(table, st, kind === 'BINARY2' ? 'BINARY2' : 'BINARY', cols, rows);
  }

  /** The FITS serialization: the TABLE's FIELDs describe the columns, the FITS BINTABLE gives the cells. */
  private decodeFitsStream(table: XmlElement, holder: XmlElement, fits: Uint8Array): void {
    const st = this.stateOf(table);
    if (st.data) throw new VotableError('malformed', 'A TABLE has more than one DATA element.');
    ({ fields: st.fields, data: st.data } = decodeFitsSerialization(fits, holder.attrs['extnum'], st.fields, this.options.signal));
    this.rowsBefore += st.data.rows;
  }

  externalStream(table: XmlElement, data: XmlElement): void {
    const holder = data.children.find((c) => c.name === 'BINARY' || c.name === 'BINARY2' || c.name === 'FITS');
    const stream = holder?.children.find((c) => c.name === 'STREAM');
    const href = stream?.attrs['href'];
    if (!holder || !stream || href === undefined) return;
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
    if (holder.name === 'FITS') this.decodeFitsStream(table, holder, bytes);
    else this.decodeStream(table, holder.name, memorySource(bytes));
  }
}

/**
 * Builds a document whose first TABLEDATA and inline STREAM elements (in
 * document order) are empty in `bytes` and decoded already in `predecoded`.
 */
export function decodeWithPredecoded(bytes: Uint8Array, predecoded: readonly PredecodedData[], options: ParseOptions = {}): VoTableData {
  return new Decoder(bytes, options, predecoded).run();
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
