import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatExecutionDuration,
  formatLocalTime,
  formatRelative,
  formatSpan,
  fromUtcInputValue,
  isUtcZone,
  toUtcInputValue,
} from './format';

const now = Date.parse('2026-01-01T12:00:00Z');

describe('times and durations in plain words', () => {
  it('says how long ago or how soon', () => {
    expect(formatRelative(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now + 3 * 86_400_000), now)).toBe('in 3 days');
    expect(formatRelative(new Date(now - 3_600_000), now)).toBe('1 hour ago');
  });

  it('rounds to the largest unit that fits, so a week less an hour is "in 7 days"', () => {
    expect(formatRelative(new Date(now + (7 * 86_400 - 3600) * 1000), now)).toBe('in 7 days');
    expect(formatRelative(new Date(now + 90_000), now)).toBe('in 2 minutes');
    expect(formatRelative(new Date(now - 50 * 60_000), now)).toBe('1 hour ago');
    expect(formatRelative(new Date(now + 40 * 86_400_000), now)).toBe('in 1 month');
    expect(formatRelative(new Date(now - 400 * 86_400_000), now)).toBe('1 year ago');
  });

  it('calls a moment a few seconds off either way "now"', () => {
    expect(formatRelative(new Date(now + 4_000), now)).toBe('now');
    expect(formatRelative(new Date(now - 30_000), now)).toBe('now');
  });

  it('reads UWS durations, where 0 means unlimited', () => {
    expect(formatDuration(0)).toBe('unlimited');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7 * 86_400)).toBe('7 d');
    expect(formatDuration(3_725)).toBe('1 h 2 min 5 s');
    expect(formatDuration(null)).toBe('not stated');
  });

  it('writes spans exactly, leaving out seconds once there are days', () => {
    expect(formatSpan(45)).toBe('45 s');
    expect(formatSpan(192)).toBe('3 min 12 s');
    expect(formatSpan(7500)).toBe('2 h 5 min');
    expect(formatSpan(7 * 86_400 - 3600)).toBe('6 d 23 h');
    expect(formatSpan(0)).toBe('0 s');
  });

  it('shows an execution duration with the seconds the service holds, 0 as unlimited', () => {
    expect(formatExecutionDuration(0)).toBe('unlimited');
    expect(formatExecutionDuration(30)).toBe('30 s');
    expect(formatExecutionDuration(7200)).toBe('7200 s (2 h)');
    expect(formatExecutionDuration(null)).toBe('not stated');
  });
});

describe('sizes', () => {
  it('uses decimal units throughout', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2_970)).toBe('3.0 kB');
    expect(formatBytes(6_710_886)).toBe('6.7 MB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.5 MB');
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});

describe('UTC date-time fields', () => {
  it('reads a field value as UTC whatever the browser’s zone', () => {
    const d = new Date('2026-12-24T18:30:00Z');
    expect(toUtcInputValue(d)).toBe('2026-12-24 18:30');
    expect(fromUtcInputValue('2026-12-24T18:30')?.toISOString()).toBe('2026-12-24T18:30:00.000Z');
    expect(fromUtcInputValue('24/12/2026')).toBeNull();
  });
});

describe('UTC fields and local time', () => {
  it('writes and reads a UTC field as YYYY-MM-DD HH:MM, whatever the locale', () => {
    const d = new Date('2026-12-09T01:08:00Z');
    expect(toUtcInputValue(d)).toBe('2026-12-09 01:08');
    expect(fromUtcInputValue('2026-12-09 01:08')?.toISOString()).toBe('2026-12-09T01:08:00.000Z');
    expect(fromUtcInputValue('2026-12-09T01:08:30Z')?.toISOString()).toBe('2026-12-09T01:08:30.000Z');
    expect(fromUtcInputValue(' 2026-12-09 01:08 UTC ')?.toISOString()).toBe('2026-12-09T01:08:00.000Z');
  });

  it('refuses times that do not exist instead of rolling them over', () => {
    expect(fromUtcInputValue('2026-02-30 10:00')).toBeNull();
    expect(fromUtcInputValue('2026-12-09 24:10')).toBeNull();
    expect(fromUtcInputValue('12/09/2026, 01:08 AM')).toBeNull();
    expect(fromUtcInputValue('')).toBeNull();
  });

  it('gives the wall-clock time of a zone with its name and offset', () => {
    const d = new Date('2026-07-01T12:05:00Z');
    expect(formatLocalTime(d, 'America/Santiago')).toBe('2026-07-01 08:05 America/Santiago (GMT-04:00)');
    expect(formatLocalTime(d, 'Asia/Kolkata')).toBe('2026-07-01 17:35 Asia/Kolkata (GMT+05:30)');
    expect(isUtcZone(d, 'UTC')).toBe(true);
    expect(isUtcZone(d, 'America/Santiago')).toBe(false);
  });
});
