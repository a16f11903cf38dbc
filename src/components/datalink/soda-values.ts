import type { DescriptorParam } from '../../protocol/datalink/descriptors';

const NUMERIC = new Set(['short', 'int', 'long', 'float', 'double', 'unsignedByte']);

/** How many numbers a SODA value of this shape needs: a fixed count, 'even' for polygons, or null for free text. */
function expectedCount(p: DescriptorParam): number | 'even' | null {
  if (p.xtype === 'circle') return 3;
  if (p.xtype === 'interval') return 2;
  if (p.xtype === 'polygon') return 'even';
  if (!p.arraysize) return 1;
  const n = Number(p.arraysize);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** What is wrong with a value the user typed for a SODA parameter, in words, or null when it can be sent (empty: not sent). */
export function checkSodaValue(p: DescriptorParam, raw: string): string | null {
  const value = raw.trim();
  if (value === '' || !NUMERIC.has(p.datatype)) return null;
  const parts = value.split(/[\s,]+/);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isFinite(n))) return `${p.name} takes numbers only.`;
  const count = expectedCount(p);
  if (count === 'even' && (numbers.length < 6 || numbers.length % 2 !== 0)) return `${p.name} takes at least three ra dec pairs.`;
  if (typeof count === 'number' && numbers.length !== count) return `${p.name} takes ${count} number${count === 1 ? '' : 's'}.`;
  if ((p.datatype === 'int' || p.datatype === 'short' || p.datatype === 'long') && numbers.some((n) => !Number.isInteger(n))) {
    return `${p.name} takes whole numbers.`;
  }
  if (p.xtype === 'interval' && numbers[0]! > numbers[1]!) return `The low end of ${p.name} is above its high end.`;
  // MIN and MAX bound each number of scalars and intervals (SODA §3.3); for shapes they describe the coverage only.
  if (p.xtype !== 'circle' && p.xtype !== 'polygon') {
    const min = p.min !== undefined ? Number(p.min) : NaN;
    const max = p.max !== undefined ? Number(p.max) : NaN;
    if (Number.isFinite(min) && numbers.some((n) => n < min)) return `${p.name} must be at least ${p.min}.`;
    if (Number.isFinite(max) && numbers.some((n) => n > max)) return `${p.name} must be at most ${p.max}.`;
  }
  return null;
}
