/** Plain-language formatting of times and durations shared by every screen. */

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const relativeNow = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Where each unit takes over, as a span in seconds: below 45 s is "now", below 45 min minutes, … */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, its length in seconds, the span from which the next unit takes over
  ['minute', 60, 45 * 60],
  ['hour', 3600, 22 * 3600],
  ['day', 86_400, 26 * 86_400],
  ['month', 30 * 86_400, 320 * 86_400],
  ['year', 365 * 86_400, Infinity],
];

/**
 * A time relative to now in words, "in 7 days", "5 minutes ago", rounded to
 * the largest unit that fits (Intl.RelativeTimeFormat). Within 45 s it is
 * "now": clocks differ by a little, and views tick every 15 s.
 */
export function formatRelative(date: Date, now: number = Date.now()): string {
  const seconds = (date.getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return relativeNow.format(0, 'second');
  for (const [unit, length, until] of RELATIVE_UNITS) {
    if (abs < until) return relative.format(Math.sign(seconds) * Math.max(1, Math.round(abs / length)), unit);
  }
  return relative.format(Math.round(seconds / (365 * 86_400)), 'year');
}

/** 2026-01-02 03:04:05 UTC */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A span of time, exactly: "45 s", "3 min 12 s", "1 h 2 min 5 s", "6 d 23 h" (seconds left out from a day on). */
export function formatSpan(seconds: number): string {
  const parts: string[] = [];
  let s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s && !d) parts.push(`${s} s`);
  return parts.join(' ') || '0 s';
}

/** A limit or duration as a service states it: absent is "not stated", 0 is "unlimited". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'not stated';
  if (seconds === 0) return 'unlimited';
  return formatSpan(seconds);
}

/** A job's execution duration with the seconds the service holds: "7200 s (2 h)"; 0 is unlimited. */
export function formatExecutionDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds === 0) return formatDuration(seconds);
  return seconds < 60 ? `${seconds} s` : `${seconds} s (${formatSpan(seconds)})`;
}

const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}

/**
 * A size in bytes in decimal units (1 kB = 1000 B), as file managers and
 * download bars show it, so the same file reads the same on every screen.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 999.95 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 100 ? 1 : 0)} ${units[i]}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The one format of a UTC time the user types or reads in a field: 2026-11-21 19:50 */
export const UTC_INPUT_FORMAT = 'YYYY-MM-DD HH:MM';

/** A UTC time as a field shows it: 2026-11-21 19:50 (see UTC_INPUT_FORMAT). */
export function toUtcInputValue(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/**
 * Read a typed UTC time: `YYYY-MM-DD HH:MM`, optionally with seconds, a `T` for
 * the space, and a trailing `Z` or "UTC". Null when it is not a real date and time
 * (2026-02-30 or 24:10 are refused, not rolled over).
 */
export function fromUtcInputValue(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ]\s*(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:Z|UTC)?$/i.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const same =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi;
  return same && s < 60 ? date : null;
}

let ownZone: string | undefined;

/** The browser's own time zone, e.g. "America/Santiago" (read once: making a date format costs a lot, and long lists show many times). */
export function localTimeZone(): string {
  ownZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return ownZone;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The wall-clock time in a time zone (the browser's unless given), written as
 * unambiguously as UTC is: "2026-01-01 09:00 America/Santiago (GMT-03:00)".
 */
export function formatLocalTime(date: Date, timeZone: string = localTimeZone()): string {
  const parts = zoneFormat(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${timeZone} (${part('timeZoneName')})`;
}

/** True when the zone's clock reads UTC at that moment, so a local time would only repeat it. */
export function isUtcZone(date: Date, timeZone: string = localTimeZone()): boolean {
  return /\(GMT(?:[+-]00:00)?\)$/.test(formatLocalTime(date, timeZone));
}
