/** Dates, times and durations as the job page shows them: UTC first, relative time beside it. */

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
