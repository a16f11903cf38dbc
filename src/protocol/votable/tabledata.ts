/**
 * TABLEDATA decoder: scans the TR/TD markup in the document's UTF-8 bytes
 * (no DOM, no text copy) and writes each cell straight into its column.
 * Numbers are parsed from the bytes; string cells are copied as bytes.
 */


import { K_ARRAY as K_ARRAY_, K_SCALAR as K_SCALAR_, type ColumnBuilder } from './column-builder';
import {
  putFloatCell as putFloatCell_,
  setArrayFromText as setArrayFromText_,
  setCellFromString as setCellFromString_,
  setCellFromText as setCellFromText_,
  setInvalidCell as setInvalidCell_,
  setScalarFromText as setScalarFromText_,
} from './cell-writers';
import { T_DOUBLE as T_DOUBLE_, T_FLOAT as T_FLOAT_ } from './field-spec';
import { appendBytes as appendBytes_ } from './string-bytes';
import { clip as clip_, DECIMAL as DECIMAL_, isWs as isWs_, latin1 as latin1_, scanDecimal as scanDecimal_ } from './text-values';
import { decodeEntities as decodeEntities_, indexOfAscii as indexOfAscii_, startsWithAscii as startsWithAscii_ } from './xml-scan';
import { VotableError } from './types';

// Imported bindings read once: some module loaders turn every access into a getter call.
const K_ARRAY = K_ARRAY_;
const K_SCALAR = K_SCALAR_;
const putFloatCell = putFloatCell_;
const setArrayFromText = setArrayFromText_;
const setCellFromString = setCellFromString_;
const setCellFromText = setCellFromText_;
const setInvalidCell = setInvalidCell_;
const setScalarFromText = setScalarFromText_;
const T_DOUBLE = T_DOUBLE_;
const T_FLOAT = T_FLOAT_;
const appendBytes = appendBytes_;
const clip = clip_;
const DECIMAL = DECIMAL_;
const isWs = isWs_;
const latin1 = latin1_;
const scanDecimal = scanDecimal_;
const decodeEntities = decodeEntities_;
const indexOfAscii = indexOfAscii_;
const startsWithAscii = startsWithAscii_;

const utf8 = new TextDecoder('utf-8');

export interface TabledataContext {
  /** Called now and then with the byte position reached and the rows so far. */
  progress?: (bytes: number, rows: number) => void;
  /** Expected total rows given the rows decoded up to a byte position. */
  estimateRows?: (rows: number, bytes: number) => number;
  /** Rows with more TDs than fields (the extra TDs are skipped). */
  onExtraCells?: (row: number) => void;
  /** Rows with fewer TDs than fields (the missing cells are null). */
  onMissingCells?: (row: number) => void;
  /** Row number of the first row decoded (when continuing a table). */
  firstRow?: number;
  /** The input may end after a row (not only at the end tag): decodeTabledataPart. */
  partial?: boolean;
}

/** Whether an error is about the value of one cell (then the cell is null, not the table refused). */
function isCellError(err: unknown): boolean {
  return err instanceof VotableError && err.code === 'invalid-data';
}

/** XML line-end normalization: CR LF and lone CR are read as LF. */
export function normalizeLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** Errors that say the input ended inside TABLEDATA (more of it may still come). */
const truncations = new WeakSet<VotableError>();

function truncated(): VotableError {
  const err = new VotableError('malformed', 'Truncated document inside TABLEDATA.');
  truncations.add(err);
  return err;
}

/** Rows completed and the byte position after the last complete row (a typed array: no boxing in the loop). */
const CHECKPOINT = new Float64Array(2);

/** Local name of the tag whose name starts at i; returns [name, end index]. */
function tagName(b: Uint8Array, i: number): [string, number] {
  const n = b.length;
  let j = i;
  let ls = i;
  for (; j < n; j++) {
    const c = b[j]!;
    if (c === 0x3e || c === 0x2f || isWs(c)) break;
    if (c === 0x3a) ls = j + 1;
  }
  if (j >= n) throw truncated();
  return [latin1(b, ls, j), j];
}

/** For '<' at i - 1: 1 for '<XY>', 2 for '<XY/', 3 for '<XY ' (attributes follow), 0 otherwise. */
function isSimpleTag(b: Uint8Array, i: number, c0: number, c1: number): number {
  if (b[i] !== c0 || b[i + 1] !== c1) return 0;
  const c = b[i + 2]!;
  if (c === 0x3e) return 1;
  if (c === 0x2f) return 2;
  if (isWs(c)) return 3;
  return 0;
}

const C_T = 0x54;
const C_R = 0x52;
const C_D = 0x44;

/**
 * Decodes TABLEDATA content starting at byte `start` of a UTF-8 document;
 * returns the row count and the byte position of the TABLEDATA end tag.
 */
export function decodeTabledata(b: Uint8Array, start: number, cols: ColumnBuilder[], ctx: TabledataContext): { rows: number; end: number } {
  const n = b.length;
  const nf = cols.length;
  let row = ctx.firstRow ?? 0;
  let i = start;
  CHECKPOINT[0] = row;
  CHECKPOINT[1] = start;
  let cap = nf === 0 ? Number.MAX_SAFE_INTEGER : cols[0]!.rowCap;
  // Float and double cells are parsed straight from the text, their end tag checked after.
  const decimal = new Uint8Array(nf);
  for (let k = 0; k < nf; k++) decimal[k] = cols[k]!.storage === K_SCALAR && (cols[k]!.type === T_DOUBLE || cols[k]!.type === T_FLOAT) ? 1 : 0;
  const partial = ctx.partial === true;
  for (;;) {
    // The input may end here when it ends at a row (a stream still arriving); reading past it would deoptimize the loop.
    if (i >= n && partial) return { rows: row, end: i };
    let c = b[i]!;
    while (isWs(c)) c = b[++i]!;
    if (i >= n) throw truncated();
    if (c !== 0x3c) throw new VotableError('malformed', `Unexpected text '${clip(latin1(b, i, i + 20))}' between TABLEDATA rows.`);
    let c1 = b[i + 1];
    if (c1 === 0x21) {
      i = skipComment(b, i);
      continue;
    }
    if (c1 === 0x2f) {
      const [name] = tagName(b, i + 2);
      if (name !== 'TABLEDATA') throw new VotableError('malformed', `Unexpected end tag '${name}' in TABLEDATA.`);
      return { rows: row, end: i };
    }
    // <TR ...>
    let kind = isSimpleTag(b, i + 1, C_T, C_R);
    let emptyRow = false;
    if (kind === 1) i += 4;
    else {
      const [name, j] = tagName(b, i + 1);
      if (name !== 'TR') throw new VotableError('malformed', `Unexpected <${name}> in TABLEDATA (expected TR).`);
      const gt = b.indexOf(0x3e, j);
      if (gt < 0) throw truncated();
      emptyRow = b[gt - 1] === 0x2f;
      i = gt + 1;
    }
    if (row >= cap) {
      const estimate = Math.max(Math.ceil(row * 1.25) + 1024, ctx.estimateRows?.(row, i) ?? 0);
      for (const col of cols) col.growRows(estimate);
      cap = cols[0]!.rowCap;
    }
    let col = 0;
    if (!emptyRow) {
      for (;;) {
        c = b[i]!;
        while (isWs(c)) c = b[++i]!;
        if (i >= n) throw truncated();
        if (c !== 0x3c) throw new VotableError('malformed', `Unexpected text '${clip(latin1(b, i, i + 20))}' in a TABLEDATA row.`);
        c1 = b[i + 1];
        if (c1 === 0x21) {
          i = skipComment(b, i);
          continue;
        }
        if (c1 === 0x2f) {
          if (b[i + 2] === C_T && b[i + 3] === C_R && b[i + 4] === 0x3e) i += 5;
          else {
            const [name, j] = tagName(b, i + 2);
            if (name !== 'TR') throw new VotableError('malformed', `Unexpected end tag '${name}' in a TABLEDATA row.`);
            const gt = b.indexOf(0x3e, j);
            if (gt < 0) throw truncated();
            i = gt + 1;
          }
          break;
        }
        kind = isSimpleTag(b, i + 1, C_T, C_D);
        let emptyCell = false;
        if (kind === 1) i += 4;
        else if (kind === 2 && b[i + 4] === 0x3e) {
          i += 5;
          emptyCell = true;
        } else {
          const [name, j] = tagName(b, i + 1);
          if (name !== 'TD') throw new VotableError('malformed', `Unexpected <${name}> in a TABLEDATA row (expected TD).`);
          const gt = b.indexOf(0x3e, j);
          if (gt < 0) throw truncated();
          if (/\bencoding\s*=/.test(latin1(b, j, gt))) {
            throw new VotableError('not-supported', 'TD elements with an encoding attribute are not supported.');
          }
          emptyCell = b[gt - 1] === 0x2f;
          i = gt + 1;
        }
        if (col >= nf) {
          // More TDs than fields: skip the cell.
          if (!emptyCell) i = complexContent(b, i).next;
          col++;
          continue;
        }
        const builder = cols[col]!;
        const a = i;
        const stop = emptyCell || decimal[col] === 0 ? -1 : scanDecimal(b, a);
        try {
          if (emptyCell) {
            setCellFromText(builder, row, b, i, i);
          } else if (stop >= 0 && b[stop] === 0x3c && b[stop + 1] === 0x2f && b[stop + 2] === C_T && b[stop + 3] === C_D && b[stop + 4] === 0x3e) {
            putFloatCell(builder, row, DECIMAL[0]!);
            i = stop + 5;
          } else {
            // The content up to the first '<', '&' or CR (cells are short: a loop beats indexOf).
            let lt = i;
            let ch = 0;
            while (lt < n && (ch = b[lt]!) !== 0x3c && ch !== 0x26 && ch !== 0x0d) lt++;
            const slow = ch === 0x26 || ch === 0x0d;
            if (slow) lt = b.indexOf(0x3c, lt);
            if (lt < 0 || lt >= n) throw truncated();
            if (b[lt + 1] === 0x2f && b[lt + 2] === C_T && b[lt + 3] === C_D && b[lt + 4] === 0x3e) {
              i = lt + 5;
              if (slow) setCellFromString(builder, row, decodeEntities(normalizeLineEnds(utf8.decode(b.subarray(a, lt)))));
              else if (builder.storage === K_SCALAR) setScalarFromText(builder, row, b, a, lt);
              else if (builder.storage === K_ARRAY) setArrayFromText(builder, row, b, a, lt);
              else appendBytes(builder, row, b, a, lt);
            } else {
              const r = complexContent(b, a);
              i = r.next;
              setCellFromString(builder, row, r.text);
            }
          }
        } catch (err) {
          if (!isCellError(err)) throw err;
          setInvalidCell(builder, row);
        }
        col++;
      }
    }
    if (col < nf) {
      ctx.onMissingCells?.(row);
      for (let k = col; k < nf; k++) setCellFromText(cols[k]!, row, b, i, i);
    } else if (col > nf) ctx.onExtraCells?.(row);
    row++;
    CHECKPOINT[0] = row;
    CHECKPOINT[1] = i;
    // From row 16 on (a first call from the optimized loop would deoptimize it).
    if ((row & 0x3ff) === 16 && ctx.progress) ctx.progress(i, row);
  }
}

/**
 * decodeTabledata over input that may end before the TABLEDATA does (a
 * stream still arriving): decodes the complete rows, undoes a row cut by
 * the end, and says where to continue. `complete` is true when the end tag
 * was reached (then `end` is its position).
 */
export function decodeTabledataPart(
  b: Uint8Array,
  start: number,
  cols: ColumnBuilder[],
  ctx: TabledataContext,
): { rows: number; end: number; complete: boolean } {
  // Decode up to the end of the last complete row (or the end tag), so that the loop meets the end at a row boundary.
  const cut = lastRowEnd(b, start);
  if (cut < 0) return { rows: ctx.firstRow ?? 0, end: start, complete: false };
  try {
    const r = decodeTabledata(b.subarray(0, cut), start, cols, { ...ctx, partial: true });
    return { ...r, complete: r.end < cut };
  } catch (err) {
    if (!(err instanceof VotableError) || !truncations.has(err)) throw err;
    const rows = CHECKPOINT[0]!;
    for (const c of cols) c.rollback(rows);
    return { rows, end: CHECKPOINT[1]!, complete: false };
  }
}

const isTagPrefix = (c: number | undefined): boolean => c === 0x2f || c === 0x3a;

/** The position after the last `</TR>`, `<TR/>` or `</TABLEDATA>` (any prefix) in b[from..], or -1. */
function lastRowEnd(b: Uint8Array, from: number): number {
  for (let q = b.lastIndexOf(0x3e); q >= from; q = b.lastIndexOf(0x3e, q - 1)) {
    if (b[q - 1] === C_R && b[q - 2] === C_T && isTagPrefix(b[q - 3])) return q + 1;
    if (b[q - 1] === 0x2f && b[q - 2] === C_R && b[q - 3] === C_T) return q + 1;
    if (b[q - 1] === 0x41 && q - 10 >= from && startsWithAscii(b, q - 9, 'TABLEDATA') && isTagPrefix(b[q - 10])) return q + 1;
    if (q === 0) break;
  }
  return -1;
}

function skipComment(b: Uint8Array, i: number): number {
  if (startsWithAscii(b, i, '<!--')) {
    const end = indexOfAscii(b, '-->', i + 4);
    if (end < 0) throw truncated();
    return end + 3;
  }
  if (i + 4 > b.length) throw truncated();
  throw new VotableError('malformed', 'Unexpected markup in TABLEDATA.');
}

/** TD content with CDATA sections, comments or a prefixed end tag. */
function complexContent(b: Uint8Array, i: number): { text: string; next: number } {
  const parts: string[] = [];
  for (;;) {
    const lt = b.indexOf(0x3c, i);
    if (lt < 0) throw truncated();
    if (lt > i) parts.push(decodeEntities(normalizeLineEnds(utf8.decode(b.subarray(i, lt)))));
    if (startsWithAscii(b, lt, '<![CDATA[')) {
      const end = indexOfAscii(b, ']]>', lt + 9);
      if (end < 0) throw truncated();
      parts.push(normalizeLineEnds(utf8.decode(b.subarray(lt + 9, end))));
      i = end + 3;
      continue;
    }
    if (startsWithAscii(b, lt, '<!--')) {
      i = skipComment(b, lt);
      continue;
    }
    if (b[lt + 1] === 0x2f) {
      const [name, j] = tagName(b, lt + 2);
      if (name !== 'TD') throw new VotableError('malformed', `Unexpected end tag '${name}' in a TD.`);
      const gt = b.indexOf(0x3e, j);
      if (gt < 0) throw truncated();
      return { text: parts.join(''), next: gt + 1 };
    }
    if (lt + 9 > b.length) throw truncated(); // too little left to tell what the markup is
    throw new VotableError('malformed', 'Markup inside a TD.');
  }
}
