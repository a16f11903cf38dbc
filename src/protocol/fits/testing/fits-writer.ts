/**
 * Small FITS files for tests, written from the standard (FITS 4.0): cards
 * of 80 characters, headers and data padded to 2880-byte blocks.
 */

export type CardInput = [keyword: string, value?: string | number | boolean | bigint, comment?: string];

/** One 80-character card: strings quoted (with '' for a quote), T/F, numbers right-aligned to column 30. */
export function card([keyword, value, comment]: CardInput): string {
  if (value === undefined) return keyword.padEnd(80).slice(0, 80);
  let text: string;
  if (typeof value === 'string') text = `'${value.replace(/'/g, "''").padEnd(8)}'`;
  else if (typeof value === 'boolean') text = (value ? 'T' : 'F').padStart(20);
  else text = String(value).padStart(20);
  const line = `${keyword.padEnd(8)}= ${text}${comment !== undefined ? ` / ${comment}` : ''}`;
  return line.padEnd(80).slice(0, 80);
}

const enc = new TextEncoder();

function pad(bytes: Uint8Array, fill: number): Uint8Array {
  const size = Math.ceil(bytes.length / 2880) * 2880;
  const out = new Uint8Array(size).fill(fill);
  out.set(bytes);
  return out;
}

/** A header: the cards, END, padded with spaces. */
export function header(cards: CardInput[], end = true): Uint8Array {
  const text = cards.map(card).join('') + (end ? 'END'.padEnd(80) : '');
  return pad(enc.encode(text), 0x20);
}

export const EMPTY_PRIMARY: CardInput[] = [
  ['SIMPLE', true],
  ['BITPIX', 8],
  ['NAXIS', 0],
  ['EXTEND', true],
];

export interface BintableColumn {
  name: string;
  tform: string;
  /** Other keywords of the column without their number, e.g. { TNULL: -1, TZERO: 32768 }. */
  keywords?: Record<string, string | number | boolean | bigint>;
}

/** The cards of a BINTABLE header. */
export function bintableCards(columns: BintableColumn[], rowWidth: number, rows: number, pcount = 0, extra: CardInput[] = []): CardInput[] {
  const cards: CardInput[] = [
    ['XTENSION', 'BINTABLE'],
    ['BITPIX', 8],
    ['NAXIS', 2],
    ['NAXIS1', rowWidth],
    ['NAXIS2', rows],
    ['PCOUNT', pcount],
    ['GCOUNT', 1],
    ['TFIELDS', columns.length],
  ];
  columns.forEach((c, i) => {
    cards.push([`TTYPE${i + 1}`, c.name], [`TFORM${i + 1}`, c.tform]);
    for (const [k, v] of Object.entries(c.keywords ?? {})) cards.push([`${k}${i + 1}`, v]);
  });
  return [...cards, ...extra];
}

/** Concatenates HDUs (header and data, each padded to whole blocks; `pad: false` leaves the last data unpadded). */
export function fitsFile(hdus: { cards: CardInput[]; data?: Uint8Array }[], options: { padLast?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  hdus.forEach((h, i) => {
    parts.push(header(h.cards));
    if (h.data && h.data.length > 0) parts.push(options.padLast === false && i === hdus.length - 1 ? h.data : pad(h.data, 0));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Big-endian row bytes from a writer callback. */
export function rowBytes(length: number, write: (dv: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  write(new DataView(bytes.buffer), bytes);
  return bytes;
}

/** A file with one BINTABLE after an empty primary HDU. */
export function oneTable(columns: BintableColumn[], rowWidth: number, rows: number, data: Uint8Array, pcount = 0, extra: CardInput[] = []): Uint8Array {
  return fitsFile([{ cards: EMPTY_PRIMARY }, { cards: bintableCards(columns, rowWidth, rows, pcount, extra), data }]);
}
