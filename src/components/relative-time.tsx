import { formatRelative, formatUtc } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "5 minutes ago", with the exact UTC time on hover and for assistive technology. */
export function RelativeTime({ date, className = '' }: { date: Date | null | undefined; className?: string }) {
  const now = useNow();
  if (!date || Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)} className={className}>
      {formatRelative(date, now)}
    </time>
  );
}
