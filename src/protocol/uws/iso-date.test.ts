import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['2026-11-21T19:40:46Z', '2026-11-21T19:40:46.000Z'],
    ['2026-11-21T19:40:46', '2026-11-21T19:40:46.000Z'],
    ['2026-11-21T19:40:46.5', '2026-11-21T19:40:46.500Z'],
    ['2026-11-21T19:40:46.123456Z', '2026-11-21T19:40:46.123Z'],
    ['2026-11-21T20:40:46+01:00', '2026-11-21T19:40:46.000Z'],
    ['2026-11-21T14:10:46-0530', '2026-11-21T19:40:46.000Z'],
    ['2026-11-21 19:40:46', '2026-11-21T19:40:46.000Z'],
    ['2026-11-21T19:40Z', '2026-11-21T19:40:00.000Z'],
    ['2026-11-21', '2026-11-21T00:00:00.000Z'],
    ['  2026-11-21T19:40:46Z\r\n', '2026-11-21T19:40:46.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'NULL', 'yesterday', '2026-13-01T00:00:00Z', '21/11/2026'])('gives null for %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });
});

describe('formatIsoDate', () => {
  it('writes UTC without milliseconds', () => {
    expect(formatIsoDate(new Date('2026-11-23T10:00:00.789+01:00'))).toBe('2026-11-23T09:00:00Z');
  });

  it('refuses an invalid date', () => {
    expect(() => formatIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
