import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http-error';

describe('parseRetryAfter', () => {
  it('parses Retry-After forms', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter(' 7 ')).toBe(7);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('Sat, 21 Nov 2026 19:41:00 GMT', Date.parse('2026-11-21T19:40:00Z'))).toBe(60);
  });
});
