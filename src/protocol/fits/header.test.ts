import { describe, expect, it } from 'vitest';
import { parseValue, readHeader } from './header';
import { header } from './testing/fits-writer';

describe('FITS header cards', () => {
  it('reads strings with quotes, logicals, integers beyond 2^53 and reals with D exponents', () => {
    expect(parseValue(" 'O''Brien  '  / who")).toEqual({ value: "O'Brien", comment: 'who' });
    expect(parseValue("'  lead'")).toEqual({ value: '  lead', comment: '' });
    expect(parseValue('                   T')).toMatchObject({ value: true });
    expect(parseValue(' 9223372036854775808 / 2^63')).toMatchObject({ value: 2n ** 63n });
    expect(parseValue('   -2147483648')).toMatchObject({ value: -2147483648 });
    expect(parseValue('  1.5D-3 / small')).toEqual({ value: 0.0015, comment: 'small' });
    expect(parseValue('  / no value')).toMatchObject({ value: undefined });
  });

  it('joins long strings continued with CONTINUE cards', () => {
    const text = `${"LONGSTR = 'abc&'".padEnd(80)}${"CONTINUE  'def&'".padEnd(80)}${"CONTINUE  'ghi'".padEnd(80)}${'END'.padEnd(80)}`;
    const bytes = new Uint8Array(2880).fill(0x20);
    bytes.set(new TextEncoder().encode(text));
    expect(readHeader(bytes, 0).values.get('LONGSTR')).toBe('abcdefghi');
  });

  it('tolerates a value indicator without its space', () => {
    const bytes = new Uint8Array(2880).fill(0x20);
    bytes.set(new TextEncoder().encode(`${'NAXIS   =2'.padEnd(80)}${'END'.padEnd(80)}`));
    expect(readHeader(bytes, 0).values.get('NAXIS')).toBe(2);
  });

  it('keeps the first of repeated keywords and skips COMMENT and HISTORY', () => {
    const h = readHeader(header([['SIMPLE', true], ['COMMENT'], ['NAXIS', 0], ['NAXIS', 3], ['HISTORY']]), 0);
    expect(h.values.get('NAXIS')).toBe(0);
    expect(h.first).toBe('SIMPLE');
    expect(h.dataStart).toBe(2880);
  });
});
