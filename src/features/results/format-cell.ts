import { safeHttpUrl } from '../../lib/safe-url';
import type { Cell, VoDatatype } from '../../protocol/votable/types';

/**
 * Exact text of VOTable values.
 *
 * Doubles are written with JavaScript's shortest round-trip representation,
 * floats with the shortest decimal that reads back to the same float32, longs
 * beyond 2^53 as exact bigints. Negative zero keeps its sign.
 */

/** True for datatypes whose values are float32 (their text is the float32 shortest form). */
export function isFloat32Datatype(datatype: VoDatatype): boolean {
  return datatype === 'float' || datatype === 'floatComplex';
}

/** The shortest decimal text that reads back to `value` as a float32. */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return '-0';
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === target) return String(candidate);
  }
  return String(value);
}

/** Text of a double: the shortest round-trip form, with the sign of negative zero. */
export function formatDouble(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

export function formatNumber(value: number, datatype: VoDatatype): string {
  return isFloat32Datatype(datatype) ? formatFloat32(value) : formatDouble(value);
}

/** How a null element inside an array is written (floating point nulls are NaN in VOTable). */
function nullElementText(datatype: VoDatatype): string {
  if (datatype === 'float' || datatype === 'double' || datatype === 'floatComplex' || datatype === 'doubleComplex') {
    return 'NaN';
  }
  if (datatype === 'boolean' || datatype === 'bit') return '?';
  return 'null';
}

function appendElements(value: Cell[], datatype: VoDatatype, out: string[]): void {
  for (const element of value) {
    if (Array.isArray(element)) appendElements(element, datatype, out);
    else if (element === null) out.push(nullElementText(datatype));
    else out.push(formatScalar(element, datatype));
  }
}

function formatScalar(value: boolean | number | bigint | string, datatype: VoDatatype): string {
  switch (typeof value) {
    case 'number':
      return formatNumber(value, datatype);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value;
  }
}

/**
 * The exact text of a non-null cell: what is shown, copied and exported.
 * Arrays (and complex numbers) are their elements separated by single spaces,
 * innermost dimension first, as in TABLEDATA.
 */
export function cellText(value: Exclude<Cell, null>, datatype: VoDatatype): string {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    appendElements(value, datatype, parts);
    return parts.join(' ');
  }
  return formatScalar(value, datatype);
}

/** What a user sees in a cell, as a kind plus its text. */
export type CellDisplay =
  | { kind: 'null' }
  | { kind: 'empty' }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'number'; text: string }
  | { kind: 'text'; text: string };

export function describeCell(value: Cell, datatype: VoDatatype): CellDisplay {
  if (value === null) return { kind: 'null' };
  if (value === '') return { kind: 'empty' };
  if (typeof value === 'string') {
    const href = safeHttpUrl(value);
    return href === null ? { kind: 'text', text: value } : { kind: 'link', text: value, href };
  }
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'number', text: cellText(value, datatype) };
  return { kind: 'text', text: cellText(value, datatype) };
}
