import { describe, expect, it } from 'vitest';
import { boolFromText, fastDecimal, floatFromText, intFromText, parseFloatText } from './text-values';

const bytes = (t: string) => new TextEncoder().encode(t);
const fast = (t: string) => fastDecimal(bytes(t), 0, t.length);
const float = (t: string) => floatFromText(bytes(t), 0, t.length);

/** Small deterministic generator, so failures can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('decimal text', () => {
  it('gives exactly what Number() gives, for 200 000 varied decimals', () => {
    const rnd = prng(42);
    let fastCount = 0;
    for (let i = 0; i < 200_000; i++) {
      let t: string;
      switch (i % 5) {
        case 0:
          t = String(rnd() * 360);
          break;
        case 1:
          t = String((rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20));
          break;
        case 2: {
          const d = 15 + Math.floor(rnd() * 5);
          let m = String(1 + Math.floor(rnd() * 9));
          for (let j = 1; j < d; j++) m += Math.floor(rnd() * 10);
          const point = Math.floor(rnd() * d);
          t = m.slice(0, point) + '.' + m.slice(point) + (rnd() < 0.3 ? `e${Math.floor(rnd() * 30 - 15)}` : '');
          break;
        }
        case 3:
          t = (rnd() * 1000).toPrecision(17 + Math.floor(rnd() * 3));
          break;
        default:
          t = String(Math.fround(rnd() * 100));
      }
      const want = Number(t);
      const got = float(t);
      if (!Object.is(got, want)) expect({ t, got }).toEqual({ t, got: want });
      if (fast(t) !== undefined) fastCount++;
    }
    // Nearly all of them take the exact fast path rather than Number().
    expect(fastCount).toBeGreaterThan(180_000);
  });

  it('hands ties and powers of two to Number()', () => {
    expect(fast('9007199254740993')).toBeUndefined(); // halfway between 2^53 and 2^53 + 2
    expect(float('9007199254740993')).toBe(9007199254740992);
    expect(float('9007199254740995')).toBe(9007199254740996);
    expect(float('0.30000000000000004')).toBe(0.30000000000000004);
  });

  it('reads NaN and infinities in the spellings services use, and empty text as null', () => {
    expect(parseFloatText('NaN')).toBeNaN();
    expect(parseFloatText('nan')).toBeNaN();
    expect(parseFloatText('+Inf')).toBe(Infinity);
    expect(parseFloatText('-Inf')).toBe(-Infinity);
    expect(parseFloatText('Infinity')).toBe(Infinity);
    expect(parseFloatText('-infinity')).toBe(-Infinity);
    expect(parseFloatText('  ')).toBeNull();
    expect(parseFloatText(' 1.5e3 ')).toBe(1500);
    expect(float('-0')).toBe(-0);
    expect(float('1e400')).toBe(Infinity);
  });
});

describe('integer and boolean text', () => {
  it('reads decimal and hexadecimal integers with range checks', () => {
    const int = (t: string, bits: number) => intFromText(bytes(t), 0, t.length, bits);
    expect(int('-2147483648', 32)).toBe(-2147483648);
    expect(int('0x7fffffff', 32)).toBe(2147483647);
    expect(int('0xFFFF', 16)).toBe(-1);
    expect(int('+12', 16)).toBe(12);
    expect(int('255', 8)).toBe(255);
    expect(int('', 32)).toBeNull();
    expect(() => int('2147483648', 32)).toThrow(/out of range/);
    expect(() => int('256', 8)).toThrow(/out of range/);
    expect(() => int('1.5', 32)).toThrow(/not an integer/);
  });

  it('reads every boolean spelling', () => {
    const bool = (t: string) => boolFromText(bytes(t), 0, t.length);
    for (const t of ['T', 't', '1', 'true', 'TRUE', 'True', ' T ']) expect(bool(t)).toBe(true);
    for (const t of ['F', 'f', '0', 'false', 'FALSE', 'False']) expect(bool(t)).toBe(false);
    for (const t of ['?', '', '  ']) expect(bool(t)).toBeNull();
    expect(() => bool('yes')).toThrow(/not a VOTable boolean/);
  });
});
