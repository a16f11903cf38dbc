import type { Outcome } from './change-outcome';

/** What the server now holds after a change: calm when it did as asked, marked when it did not. */
export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  return (
    <div role="status" className="text-sm">
      {outcome && (
        <p
          data-outcome={outcome.kind}
          className={
            outcome.kind === 'done'
              ? 'mt-1 text-emerald-800 dark:text-emerald-300'
              : 'mt-1 rounded-md border-l-4 border-amber-500 bg-amber-50 px-2 py-1 font-medium text-amber-950 dark:bg-amber-950/50 dark:text-amber-100'
          }
        >
          {outcome.message}
        </p>
      )}
    </div>
  );
}
