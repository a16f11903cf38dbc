import { formatLocalTime, formatRelative, formatUtc, isUtcZone } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "5 minutes ago", with the exact UTC time on hover and for assistive technology. */
export function RelativeTime({ date, className = '' }: { date: Date | null | undefined; className?: string }) {
  const now = useNow();
  if (!date || Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={date.toISOString()} title={isUtcZone(date) ? formatUtc(date) : `${formatUtc(date)}\nYour local time: ${formatLocalTime(date)}`} className={className}>
      {formatRelative(date, now)}
    </time>
  );
}
