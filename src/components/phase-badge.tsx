import type { ExecutionPhase } from '../protocol/uws/types';
import { cn } from '../lib/cn';

const styles: Record<ExecutionPhase | 'GONE', string> = {
  PENDING: 'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  QUEUED: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-900/40 dark:text-amber-200 dark:ring-amber-700',
  EXECUTING: 'bg-blue-100 text-blue-900 ring-blue-300 dark:bg-blue-900/40 dark:text-blue-200 dark:ring-blue-700',
  COMPLETED: 'bg-green-100 text-green-900 ring-green-300 dark:bg-green-900/40 dark:text-green-200 dark:ring-green-700',
  ERROR: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-900/40 dark:text-red-200 dark:ring-red-700',
  ABORTED: 'bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-900/40 dark:text-orange-200 dark:ring-orange-700',
  UNKNOWN: 'bg-zinc-100 text-zinc-800 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600',
  HELD: 'bg-purple-100 text-purple-900 ring-purple-300 dark:bg-purple-900/40 dark:text-purple-200 dark:ring-purple-700',
  SUSPENDED: 'bg-purple-100 text-purple-900 ring-purple-300 dark:bg-purple-900/40 dark:text-purple-200 dark:ring-purple-700',
  ARCHIVED: 'bg-zinc-100 text-zinc-800 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600',
  GONE: 'bg-white text-slate-700 ring-slate-400 line-through dark:bg-slate-950 dark:text-slate-300 dark:ring-slate-500',
};

const labels: Record<ExecutionPhase | 'GONE', string> = {
  PENDING: 'Pending',
  QUEUED: 'Queued',
  EXECUTING: 'Executing',
  COMPLETED: 'Completed',
  ERROR: 'Error',
  ABORTED: 'Aborted',
  UNKNOWN: 'Unknown',
  HELD: 'Held',
  SUSPENDED: 'Suspended',
  ARCHIVED: 'Archived',
  GONE: 'Gone',
};

export function phaseLabel(phase: ExecutionPhase | 'GONE'): string {
  return labels[phase];
}

/** The phase of a job as a small coloured label; 'GONE' for a job the server no longer knows. */
export function PhaseBadge({ phase, className = '' }: { phase: ExecutionPhase | 'GONE'; className?: string }) {
  return (
    <span
      className={cn('inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset', styles[phase], className)}
      title={phase === 'GONE' ? 'The service no longer knows this job' : phase}
    >
      {phase === 'EXECUTING' && <span aria-hidden="true" className="mr-1 h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {labels[phase]}
    </span>
  );
}
