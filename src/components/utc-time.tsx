import type { ReactNode } from 'react';
import { cn } from '../lib/cn';
import { formatLocalTime, formatUtc, isUtcZone } from '../lib/format';

/**
 * A moment in UTC, "2026-01-02 03:04:05 UTC", then `after` (a relative time, say), with the
 * user's own wall-clock time on a second line and on hover, unless their clock reads UTC anyway.
 */
export function UtcTime({ date, after, className, testId }: { date: Date; after?: ReactNode; className?: string; testId?: string }) {
  const local = isUtcZone(date) ? null : formatLocalTime(date);
  return (
    <span className={cn('inline-block', className)}>
      <time dateTime={date.toISOString()} className="tabular-nums" title={local ? `Your local time: ${local}` : undefined} data-testid={testId}>
        {formatUtc(date)}
      </time>
      {after}
      {local && (
        <span className="block text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid={testId ? `${testId}-local` : undefined}>
          <span className="sr-only">Your local time: </span>
          {local}
        </span>
      )}
    </span>
  );
}
