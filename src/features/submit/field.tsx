/** The submit page's labelled field, with its hint or its problem below, and the words for a service limit. */
import type { ReactNode } from 'react';
import { formatCount, formatDuration } from '../../lib/format';

export const linkClass = 'text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200';
export const labelClass = 'flex flex-col gap-1 text-sm font-medium text-slate-800 dark:text-slate-200';
export const hintClass = 'text-xs font-normal text-slate-600 dark:text-slate-400';
export const errorClass = 'text-xs font-normal text-red-700 dark:text-red-400';

/** The id of the text that describes field `id`: its problem when it has one, else its hint. */
export function describedBy(id: string, hasProblem: boolean): string {
  return hasProblem ? `${id}-problem` : `${id}-hint`;
}

export function Field({ label, hint, problem, id, children }: { label: string; hint?: ReactNode; problem?: string | undefined; id: string; children: ReactNode }) {
  return (
    <div className={labelClass}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem ? (
        <span id={`${id}-problem`} className={errorClass}>
          {problem}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className={hintClass}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

export interface Limit {
  default: number | null;
  hard: number | null;
}

/** "Service: default 1,000 rows, at most 100,000 rows." or null when the service says nothing. */
export function limitText(limit: Limit | undefined, unit: 'rows' | 'seconds' | 'span', what = ''): string | null {
  if (!limit || (limit.default === null && limit.hard === null)) return null;
  const show = (n: number) =>
    unit === 'rows' ? `${formatCount(n)} rows` : n === 0 ? 'unlimited' : unit === 'span' ? formatDuration(n) : `${formatCount(n)} s (${formatDuration(n)})`;
  const parts: string[] = [];
  if (limit.default !== null) parts.push(`default ${show(limit.default)}`);
  if (limit.hard !== null) parts.push(`at most ${show(limit.hard)}`);
  return `Service${what}: ${parts.join(', ')}.`;
}
