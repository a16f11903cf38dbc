import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../../lib/safe-url';
import { cellText, describeCell, formatFloat32 } from './format-cell';

describe('number text', () => {
  it('shows a double with its shortest round-trip digits', () => {
    expect(cellText(0.1, 'double')).toBe('0.1');
    expect(cellText(0.1 + 0.2, 'double')).toBe('0.30000000000000004');
    expect(cellText(123.45678901234567, 'double')).toBe('123.45678901234567');
    expect(cellText(2 ** 53 + 2, 'double')).toBe('9007199254740994');
    expect(Number(cellText(5e-324, 'double'))).toBe(5e-324);
    expect(cellText(1e21, 'double')).toBe('1e+21');
  });

  it('shows a float with the shortest digits that read back to the same float32', () => {
    const stored = Math.fround(0.1);
    expect(String(stored)).toBe('0.10000000149011612');
    expect(cellText(stored, 'float')).toBe('0.1');
    expect(cellText(Math.fround(16777217), 'float')).toBe('16777216');
    expect(cellText(Math.fround(3.4028234663852886e38), 'float')).toBe('3.4028235e+38');
    expect(cellText(Math.fround(1.401298464324817e-45), 'float')).toBe('1e-45');
  });

  it('round-trips every float it writes', () => {
    const values = new Float32Array(2000);
    let seed = 12345;
    for (let i = 0; i < values.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      values[i] = (seed / 2 ** 32 - 0.5) * 10 ** ((i % 40) - 20);
    }
    for (const value of values) {
      const text = formatFloat32(value);
      expect(Math.fround(Number(text))).toBe(value);
      expect(text.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '').length).toBeLessThanOrEqual(9);
    }
  });

  it('keeps the sign of negative zero and shows infinities', () => {
    expect(cellText(-0, 'double')).toBe('-0');
    expect(cellText(-0, 'float')).toBe('-0');
    expect(cellText(Number.POSITIVE_INFINITY, 'float')).toBe('Infinity');
    expect(cellText(Number.NEGATIVE_INFINITY, 'double')).toBe('-Infinity');
  });

  it('shows longs beyond 2^53 exactly', () => {
    expect(cellText(9007199254740993n, 'long')).toBe('9007199254740993');
    expect(cellText(-9223372036854775808n, 'long')).toBe('-9223372036854775808');
    expect(cellText(42, 'long')).toBe('42');
  });

  it('shows booleans as true and false', () => {
    expect(cellText(true, 'boolean')).toBe('true');
    expect(cellText(false, 'bit')).toBe('false');
  });
});

describe('array text', () => {
  it('separates elements with spaces, floats in their float32 form, null elements as NaN', () => {
    expect(cellText([Math.fround(0.1), null, Math.fround(2.5)], 'float')).toBe('0.1 NaN 2.5');
    expect(cellText([[1, 2], [3, 4]], 'int')).toBe('1 2 3 4');
    expect(cellText([1.5, -0], 'doubleComplex')).toBe('1.5 -0');
    expect(cellText(['ab', 'cd'], 'char')).toBe('ab cd');
  });
});

describe('what a cell shows', () => {
  it('tells null, empty string and zero apart', () => {
    expect(describeCell(null, 'double')).toEqual({ kind: 'null' });
    expect(describeCell('', 'char')).toEqual({ kind: 'empty' });
    expect(describeCell(0, 'double')).toEqual({ kind: 'number', text: '0' });
    expect(describeCell('0', 'char')).toEqual({ kind: 'text', text: '0' });
  });

  it('makes only absolute http and https URLs links', () => {
    expect(describeCell('https://archive.example.org/data?id=1&x=2', 'char')).toEqual({
      kind: 'link',
      text: 'https://archive.example.org/data?id=1&x=2',
      href: 'https://archive.example.org/data?id=1&x=2',
    });
    expect(describeCell('HTTP://example.org', 'char')).toMatchObject({ kind: 'link', href: 'http://example.org/' });
    for (const text of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/data/file.fits',
      'data/file.fits',
      '//evil.example.org/x',
      'ftp://example.org/file',
      ' https://example.org',
      'see https://example.org',
      'https://example.org and more',
      'https://',
    ]) {
      expect(safeHttpUrl(text), text).toBeNull();
      expect(describeCell(text, 'char').kind, text).toBe('text');
    }
  });
});
