/** Dates, times and durations as the job page shows them: UTC first, relative time beside it. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Value for an <input type="datetime-local"> that is read as UTC: 2026-11-21T19:50 */
export function toUtcInputValue(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Read a datetime-local value as UTC; null when it is not a date. */
export function fromUtcInputValue(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A compact span: "45 s", "3 min 12 s", "2 h 5 min", "6 d 23 h". */
export function formatSpan(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 ? `${min} min ${s % 60} s` : `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "in 6 d 23 h" or "3 min ago". */
export function formatRelative(date: Date, now: number): string {
  const diff = (date.getTime() - now) / 1000;
  if (Math.abs(diff) < 1) return 'now';
  return diff > 0 ? `in ${formatSpan(diff)}` : `${formatSpan(-diff)} ago`;
}

/** An execution duration as the server states it: 0 is unlimited. */
export function formatExecutionDuration(seconds: number | null): string {
  if (seconds === null) return 'not stated';
  if (seconds === 0) return 'unlimited';
  return seconds < 60 ? `${seconds} s` : `${seconds} s (${formatSpan(seconds)})`;
}
