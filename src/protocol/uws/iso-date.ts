/**
 * ISO 8601 timestamps as UWS services write them, and as they expect them.
 *
 * Read: with `Z`, with an offset (`+01:00`, `+0100`, `+01`), or without a zone
 * (read as UTC, as UWS says), with or without fractional seconds, with `T` or
 * a space; a bare date means midnight UTC. Anything else gives null.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function parseIsoDate(text: string | null | undefined): Date | null {
  if (text === null || text === undefined) return null;
  const match = ISO.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    time -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible calendar values (month 13, day 32) rather than rolling them over.
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31 || Number(hour) > 24 || Number(minute) > 59 || Number(second) > 60) {
    return null;
  }
  return date;
}

/** ISO 8601 UTC without milliseconds (`2026-11-23T10:00:00Z`), the form DaCHS and others accept. */
export function formatIsoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot format an invalid date.');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
