/**
 * Finding and decoding the BINTABLE of a FITS file: the HDUs are walked
 * from the primary one (skipped, whatever it holds) to the first BINTABLE
 * extension, or to extension `extnum` when a VOTable's <FITS extnum="N">
 * names one. Every declared size is checked against the bytes there are
 * before anything is allocated.
 */

import type { DecodeProgress } from '../votable/parse-votable';
import { VotableError, type VoColumnData, type VoField } from '../votable/types';
import { decodeColumn, type TableBytes } from './bintable';
import { columnOriented, columnPlans } from './columns';
import { BLOCK, intValue, readHeader, stringValue, type FitsHeader } from './header';

export interface FitsOptions {
  /** The HDU to read (1 = the first extension); by default the first BINTABLE. */
  extnum?: number;
  signal?: AbortSignal;
  onProgress?: (p: DecodeProgress) => void;
}

export interface FitsTable {
  /** EXTNAME, when given. */
  name?: string;
  fields: VoField[];
  columns: VoColumnData[];
  rows: number;
  /** The primary header, for what it says about the file (VOTMETA). */
  primary: FitsHeader;
}

/** Rows are indexed with 32-bit offsets. */
const MAX_ROWS = 2 ** 31 - 1;
/** At most this many HDUs are walked looking for the table. */
const MAX_HDUS = 10_000;

/** True when the bytes start as a FITS file does (a SIMPLE = T card). */
export function looksLikeFits(head: Uint8Array): boolean {
  if (head.length < 30) return false;
  const card = new TextDecoder('latin1').decode(head.subarray(0, 30));
  return /^SIMPLE {2}= {20}T$/.test(card);
}

/** Bytes of an HDU's data (without the padding to whole blocks). */
function dataBytes(h: FitsHeader): number {
  const bitpix = intValue(h, 'BITPIX');
  const naxis = intValue(h, 'NAXIS');
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) throw new VotableError('malformed', `The FITS header at byte ${h.start} has BITPIX = ${bitpix}.`);
  if (naxis < 0 || naxis > 999) throw new VotableError('malformed', `The FITS header at byte ${h.start} has NAXIS = ${naxis}.`);
  if (naxis === 0) return 0;
  let product = 1;
  for (let i = 1; i <= naxis; i++) {
    const n = intValue(h, `NAXIS${i}`);
    if (n < 0) throw new VotableError('malformed', `The FITS header at byte ${h.start} has NAXIS${i} = ${n}.`);
    // Random groups (NAXIS1 = 0 in a primary header): the product of the other axes.
    if (!(i === 1 && n === 0 && h.first === 'SIMPLE' && naxis > 1)) product *= n;
  }
  const pcount = intValue(h, 'PCOUNT', 0);
  const gcount = intValue(h, 'GCOUNT', 1);
  if (pcount < 0 || gcount < 0) throw new VotableError('malformed', `The FITS header at byte ${h.start} has PCOUNT = ${pcount}, GCOUNT = ${gcount}.`);
  return (Math.abs(bitpix) / 8) * gcount * (pcount + product);
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
}

function decodeBintable(bytes: Uint8Array, h: FitsHeader, primary: FitsHeader, options: FitsOptions): FitsTable {
  if (intValue(h, 'BITPIX') !== 8 || intValue(h, 'NAXIS') !== 2 || intValue(h, 'GCOUNT', 1) !== 1) {
    throw new VotableError('malformed', `The FITS BINTABLE at byte ${h.start} needs BITPIX = 8, NAXIS = 2 and GCOUNT = 1.`);
  }
  const rowWidth = intValue(h, 'NAXIS1');
  const rows = intValue(h, 'NAXIS2');
  const pcount = intValue(h, 'PCOUNT', 0);
  if (rowWidth < 0 || rows < 0 || pcount < 0) throw new VotableError('malformed', `The FITS BINTABLE at byte ${h.start} has a negative NAXIS1, NAXIS2 or PCOUNT.`);
  // Rows without bytes (every column of repeat 0) cost memory all the same: at most a million of them.
  if (rows > MAX_ROWS || (rowWidth === 0 && rows > 1_000_000)) throw new VotableError('too-large', `The FITS table declares ${rows} rows, beyond the decoder's limit.`);
  let plans = columnPlans(h, rowWidth);
  let rowCount = rows;
  if (rows === 1 && /ColFits/i.test(stringValue(h, 'STILCLAS') ?? '')) {
    // STIL's column-oriented layout: read as the table it stores.
    const columns = columnOriented(plans);
    if (!columns) throw new VotableError('not-supported', 'This column-oriented FITS file (colfits) has columns of different lengths or variable-length arrays; it is not read here.');
    ({ plans, rows: rowCount } = columns);
  }
  const start = h.dataStart;
  const main = rowWidth * rows;
  const available = Math.max(0, bytes.length - start);
  if (main + pcount > available) {
    const declared = `${main + pcount} bytes of table data (NAXIS1 = ${rowWidth}, NAXIS2 = ${rows}, PCOUNT = ${pcount})`;
    if (main + pcount > 2 * available + 1_000_000) {
      throw new VotableError('too-large', `The FITS table declares ${declared}, far more than the ${available} bytes the file holds after its header.`);
    }
    throw new VotableError('malformed', `The FITS file is truncated: its table declares ${declared}, but only ${available} bytes follow its header.`);
  }
  const theap = intValue(h, 'THEAP', main);
  if (theap < main || theap > main + pcount) {
    throw new VotableError('malformed', `The FITS table's heap offset THEAP = ${theap} lies outside its data (${main} to ${main + pcount}).`);
  }
  const t: TableBytes = {
    bytes,
    dv: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    start,
    rows: rowCount,
    heapStart: start + theap,
    heapEnd: start + main + pcount,
    budget: { left: 4 * bytes.length + 64 * 2 ** 20 },
  };
  const columns: VoColumnData[] = [];
  for (let i = 0; i < plans.length; i++) {
    checkAbort(options.signal);
    columns.push(decodeColumn(plans[i]!, t));
    options.onProgress?.({ bytes: start + Math.round(((main + pcount) * (i + 1)) / plans.length), totalBytes: bytes.length, rows: rowCount });
  }
  const table: FitsTable = { fields: plans.map((p) => p.field), columns, rows: rowCount, primary };
  const name = stringValue(h, 'EXTNAME')?.trim();
  if (name) table.name = name;
  return table;
}

/** Decodes the first BINTABLE of a FITS file (or extension `extnum`). */
export function decodeFitsTable(bytes: Uint8Array, options: FitsOptions = {}): FitsTable {
  if (!looksLikeFits(bytes)) throw new VotableError('not-supported', 'The data are not a FITS file (no SIMPLE = T card at the start).');
  const primary = readHeader(bytes, 0);
  let h = primary;
  const seen: string[] = [];
  for (let hdu = 0; hdu < MAX_HDUS; hdu++) {
    checkAbort(options.signal);
    const kind = hdu === 0 ? 'primary' : (stringValue(h, 'XTENSION') ?? '').trim();
    if (hdu > 0) seen.push(kind);
    const wanted = options.extnum === undefined ? hdu > 0 && (kind === 'BINTABLE' || kind === 'A3DTABLE') : hdu === options.extnum;
    if (wanted) {
      if (kind !== 'BINTABLE' && kind !== 'A3DTABLE') {
        throw new VotableError('not-supported', `FITS extension ${hdu} is ${kind === 'primary' ? 'the primary HDU' : `a ${kind || 'nameless'} extension`}, not a BINTABLE.`);
      }
      return decodeBintable(bytes, h, primary, options);
    }
    const size = dataBytes(h);
    const next = h.dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (next >= bytes.length) break;
    h = readHeader(bytes, next);
    if (h.first !== 'XTENSION') throw new VotableError('malformed', `The FITS data at byte ${next} are not an extension header.`);
  }
  if (options.extnum !== undefined) throw new VotableError('invalid-data', `The FITS file has no extension ${options.extnum}.`);
  if (seen.includes('TABLE')) throw new VotableError('not-supported', 'The FITS file holds an ASCII TABLE extension, which is not read here (only BINTABLE).');
  throw new VotableError('not-supported', 'The FITS file holds no table (no BINTABLE extension).');
}
