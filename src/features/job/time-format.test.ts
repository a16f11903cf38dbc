import { describe, expect, it } from 'vitest';
import { formatExecutionDuration, formatRelative, formatSpan } from './time-format';

describe('time formatting', () => {
  it('writes spans compactly and counts down to destruction', () => {
    expect(formatSpan(45)).toBe('45 s');
    expect(formatSpan(192)).toBe('3 min 12 s');
    expect(formatSpan(7500)).toBe('2 h 5 min');
    expect(formatSpan(7 * 86400 - 3600)).toBe('6 d 23 h');
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(formatRelative(new Date(now + 90_000), now)).toBe('in 1 min 30 s');
    expect(formatRelative(new Date(now - 3600_000), now)).toBe('1 h ago');
  });

  it('shows an execution duration of 0 as unlimited', () => {
    expect(formatExecutionDuration(0)).toBe('unlimited');
    expect(formatExecutionDuration(7200)).toBe('7200 s (2 h)');
    expect(formatExecutionDuration(null)).toBe('not stated');
  });
});
