import type { Outcome } from './change-outcome';

/** What the server now holds after a change: calm when it did as asked, marked when it did not. */
export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  return (
    <p role="status" className="min-h-5 text-sm">
      {outcome && (
        <span
          data-outcome={outcome.kind}
          className={
            outcome.kind === 'done'
              ? 'text-emerald-800 dark:text-emerald-300'
              : 'rounded bg-amber-100 px-1 font-medium text-amber-950 dark:bg-amber-900/60 dark:text-amber-100'
          }
        >
          {outcome.message}
        </span>
      )}
    </p>
  );
}
