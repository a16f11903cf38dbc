/**
 * Incremental VOTable decoding, for a document that arrives in chunks.
 *
 *   const dec = createStreamingDecoder({ signal });
 *   for await (const chunk of body) for (const ev of dec.push(chunk)) post(ev);
 *   const doc = dec.end(); // the VoTable, with warnings, as parseVotable gives it
 *
 * `push(chunk)` returns the events the chunk completed, in order:
 * - `{ kind: 'table', table, fields, ... }` as soon as the start of a TABLE's
 *   TABLEDATA or inline BINARY/BINARY2 STREAM has arrived (its FIELDs are known);
 * - `{ kind: 'rows', table, firstRow, rowCount, columns }`: the rows completed
 *   by this chunk, as columns of their own (VoColumnData, transferable; read
 *   them with hydrateTable or makeReader).
 * `table` counts the TABLEs with data in document order (0, 1, ...): the index
 * in `VoTable.tables` unless a nested RESOURCE comes before a TABLE of its parent.
 * `end()` returns the document; its cells equal parseVotable's on the whole
 * input, and it throws the same VotableErrors for bad input (some as soon as
 * `push` meets them).
 *
 * Memory: the unread input is kept until its rows are complete, the markup
 * outside data (small) until the end, and the columns; the input is never
 * held whole. Documents not in UTF-8 (UTF-16, ISO-8859-1), FITS data and
 * STREAMs with an href are decoded at `end()` from the bytes kept.
 */

import { BinaryRows } from './binary';
import { ColumnBuilder } from './column-builder';
import { Bytes, findDataStart } from './data-start';
import { makeFieldSpec } from './field-spec';
import { fieldOf, guessedDatatype, noteInvalidCells } from './header';
import { toBytes } from './input-bytes';
import { decodeWithPredecoded, findTable, type ParseOptions, type PredecodedData } from './parse-votable';
import { streamingBase64Source, type StreamingByteSource } from './stream-source';
import { hydrate } from './table-access';
import { decodeTabledataPart } from './tabledata';
import { VotableError, type Serialization, type VoColumnData, type VoField, type VoTable, type VoTableData } from './types';
import { cellCountNote, sliceNote, WarningLog, type WarningOccurrence } from './warnings';
import { scanXml, type XmlElement } from './xml-scan';
import { sliceRows } from './slice-rows';

export interface StreamTableEvent {
  kind: 'table';
  table: number;
  name?: string;
  id?: string;
  fields: VoField[];
  serialization: Serialization;
}

export interface StreamRowsEvent {
  kind: 'rows';
  table: number;
  /** Row number (in the table) of the first row of this batch. */
  firstRow: number;
  rowCount: number;
  /** One column per field, holding just these rows. */
  columns: VoColumnData[];
}

export type StreamEvent = StreamTableEvent | StreamRowsEvent;

export type StreamingDecoderOptions = Pick<ParseOptions, 'signal' | 'streams'>;

export interface StreamingDecoder {
  push(chunk: Uint8Array): StreamEvent[];
  end(): VoTable;
  /** As end(), without the accessors (plain, transferable data). */
  endData(): VoTableData;
  /**
   * False once the rest of the document is left to end() (another encoding,
   * FITS, a STREAM href): end() then needs `streams` for the hrefs, and no
   * more rows come before it.
   */
  readonly streaming: boolean;
}

interface CurrentTable {
  ordinal: number;
  serialization: Serialization;
  cols: ColumnBuilder[];
  rows: number;
  emitted: number;
  notes: WarningOccurrence[];
  binary?: BinaryRows;
  source?: StreamingByteSource;
}

type Mode = 'prolog' | 'markup' | 'data' | 'whole';

class Suspend {
  constructor(
    readonly el: XmlElement,
    readonly ancestors: readonly XmlElement[],
  ) {}
}

const NON_UTF8 = /^\s*<\?xml[^>]*encoding\s*=\s*["'](?!utf-?8|us-ascii|ascii)[^"']*["']/i;

class Streaming implements StreamingDecoder {
  private input = new Uint8Array(1 << 16);
  private len = 0;
  private pos = 0;
  private readonly skeleton = new Bytes();
  private readonly predecoded: PredecodedData[] = [];
  private mode: Mode = 'prolog';
  private current: CurrentTable | undefined;
  private tables = 0;
  private ended = false;

  constructor(private readonly options: StreamingDecoderOptions) {}

  push(chunk: Uint8Array): StreamEvent[] {
    if (this.ended) throw new Error('push() after end()');
    this.checkAbort();
    if (this.mode === 'whole') {
      this.skeleton.append(chunk);
      return [];
    }
    this.append(chunk);
    const events: StreamEvent[] = [];
    while (this.step(events)) this.checkAbort();
    return events;
  }

  get streaming(): boolean {
    return this.mode !== 'whole';
  }

  end(): VoTable {
    return hydrate(this.endData());
  }

  endData(): VoTableData {
    if (this.ended) throw new Error('end() called twice');
    this.ended = true;
    if (this.mode === 'whole') return decodeWithPredecoded(toBytes(this.skeleton.view()), this.predecoded, this.options);
    if (this.mode === 'data') {
      const cur = this.current!;
      if (cur.binary) {
        cur.source!.ended = true;
        cur.binary.decode(cur.source!);
      }
      throw new VotableError('malformed', `Truncated document inside ${cur.serialization === 'TABLEDATA' ? 'TABLEDATA' : 'STREAM'}.`);
    }
    this.skeleton.append(this.input.subarray(this.pos, this.len));
    this.pos = this.len;
    const bytes = this.mode === 'prolog' ? toBytes(this.skeleton.view()) : this.skeleton.view();
    return decodeWithPredecoded(bytes, this.predecoded, this.options);
  }

  private checkAbort(): void {
    const signal = this.options.signal;
    if (signal?.aborted) throw new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
  }

  /** Adds a chunk to the unread input (dropping what was read). */
  private append(chunk: Uint8Array): void {
    const unread = this.len - this.pos;
    if (this.len + chunk.length > this.input.length) {
      if (unread + chunk.length <= this.input.length && this.pos > 0) this.input.copyWithin(0, this.pos, this.len);
      else {
        const next = new Uint8Array(Math.max(unread + chunk.length, this.input.length * 2));
        next.set(this.input.subarray(this.pos, this.len));
        this.input = next;
      }
      this.pos = 0;
      this.len = unread;
    }
    this.input.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** One step of work; false when more input is needed. */
  private step(events: StreamEvent[]): boolean {
    const b = this.input.subarray(0, this.len);
    if (this.mode === 'prolog') {
      // Other encodings are converted whole, at the end.
      const head = String.fromCharCode(...b.subarray(0, Math.min(this.len, 512)));
      if (/^(\xff\xfe|\xfe\xff)/.test(head) || NON_UTF8.test(head)) return this.toWhole();
      if (/^(\xef\xbb\xbf)?\s*<\?xml/.test(head) && head.indexOf('?>') < 0 && this.len < 512) return false;
      if (this.len < 2) return false;
      this.mode = 'markup';
      return true;
    }
    if (this.mode === 'markup') {
      const start = findDataStart(b, this.pos);
      if (start < 0) return false;
      this.skeleton.append(b.subarray(this.pos, start));
      this.pos = start;
      return this.startData(events);
    }
    if (this.mode !== 'data') return false;
    const cur = this.current!;
    if (cur.binary) {
      this.pos = cur.source!.feed(b, this.pos, this.len);
      const done = cur.binary.decode(cur.source!);
      cur.rows = cur.binary.row;
      this.emitRows(cur, events);
      if (!done) return false;
      cur.rows = cur.binary.finish();
      return this.finishTable(cur);
    }
    const r = decodeTabledataPart(b, this.pos, cur.cols, {
      firstRow: cur.rows,
      onExtraCells: (row) => cur.notes.push(cellCountNote('extra-cells', row, cur.cols.length)),
      onMissingCells: (row) => cur.notes.push(cellCountNote('missing-cells', row, cur.cols.length)),
    });
    cur.rows = r.rows;
    this.pos = r.end;
    this.emitRows(cur, events);
    return r.complete ? this.finishTable(cur) : false;
  }

  private toWhole(): boolean {
    this.skeleton.append(this.input.subarray(this.pos, this.len));
    this.pos = this.len;
    this.mode = 'whole';
    return false;
  }

  /** At the content of a TABLEDATA or STREAM: reads the header so far and starts decoding the data. */
  private startData(events: StreamEvent[]): boolean {
    let suspended: Suspend | undefined;
    let seen = 0;
    try {
      scanXml(this.skeleton.view(), {
        data: (el, start, ancestors) => {
          if (seen++ < this.predecoded.length) return start;
          throw new Suspend(el, ancestors);
        },
      });
    } catch (err) {
      if (!(err instanceof Suspend)) throw err;
      suspended = err;
    }
    if (!suspended) throw new VotableError('malformed', 'Unexpected data element.');
    const { el, ancestors } = suspended;
    const parent = ancestors[ancestors.length - 1];
    const isTabledata = el.name === 'TABLEDATA';
    const table = ancestors[ancestors.length - (isTabledata ? 2 : 3)];
    const holder = isTabledata ? parent : ancestors[ancestors.length - 2];
    const encoding = (el.attrs['encoding'] ?? 'base64').trim().toLowerCase();
    const streamable = isTabledata ? parent?.name === 'DATA' : (parent?.name === 'BINARY' || parent?.name === 'BINARY2') && encoding === 'base64';
    // Anything else is decoded (or refused) at the end, by the same code as parseVotable.
    if (!streamable || holder?.name !== 'DATA' || table?.name !== 'TABLE') return this.toWhole();
    const fields = this.fieldsOf(table, ancestors[0]!);
    if (!isTabledata && fields.some((f) => guessedDatatype.has(f))) return this.toWhole();
    const serialization: Serialization = isTabledata ? 'TABLEDATA' : parent!.name === 'BINARY2' ? 'BINARY2' : 'BINARY';
    const specs = fields.map((f, i) => makeFieldSpec(f, i));
    const cols = specs.map((s) => new ColumnBuilder(s, isTabledata ? 1024 : 16));
    const ordinal = this.tables++;
    const cur: CurrentTable = { ordinal, serialization, cols, rows: 0, emitted: 0, notes: [] };
    if (!isTabledata) {
      const nrows = table.attrs['nrows'];
      const declaredRows = nrows !== undefined && /^\s*\d{1,9}\s*$/.test(nrows) ? Number(nrows) : undefined;
      cur.source = streamingBase64Source();
      cur.binary = new BinaryRows(specs, cols, serialization === 'BINARY2', {
        ...(declaredRows !== undefined ? { declaredRows } : {}),
        onSliceCount: (field, row, count) => cur.notes.push(sliceNote(field, row, count)),
      });
    }
    this.current = cur;
    this.mode = 'data';
    const event: StreamTableEvent = { kind: 'table', table: ordinal, fields, serialization };
    if (table.attrs['name'] !== undefined) event.name = table.attrs['name'];
    if (table.attrs['ID'] !== undefined) event.id = table.attrs['ID'];
    events.push(event);
    return true;
  }

  private fieldsOf(table: XmlElement, root: XmlElement): VoField[] {
    const ctx = { log: new WarningLog(), table };
    const own = table.children.filter((c) => c.name === 'FIELD').map((c) => fieldOf(c, ctx));
    const ref = table.attrs['ref'];
    const target = own.length === 0 && ref !== undefined ? findTable(root, ref) : undefined;
    if (!target || target === table) return own;
    return target.children.filter((c) => c.name === 'FIELD').map((c) => fieldOf(c, ctx));
  }

  private emitRows(cur: CurrentTable, events: StreamEvent[]): void {
    if (cur.rows <= cur.emitted) return;
    events.push({ kind: 'rows', table: cur.ordinal, firstRow: cur.emitted, rowCount: cur.rows - cur.emitted, columns: sliceRows(cur.cols, cur.emitted, cur.rows) });
    cur.emitted = cur.rows;
  }

  private finishTable(cur: CurrentTable): boolean {
    noteInvalidCells({ add: (w) => cur.notes.push(w) }, cur, cur.cols);
    this.predecoded.push({ serialization: cur.serialization, rows: cur.rows, columns: cur.cols.map((c) => c.finish(cur.rows)), notes: cur.notes });
    this.current = undefined;
    this.mode = 'markup';
    return true;
  }
}

/** A decoder for a document that arrives in chunks (see the top of this module). */
export function createStreamingDecoder(options: StreamingDecoderOptions = {}): StreamingDecoder {
  return new Streaming(options);
}
