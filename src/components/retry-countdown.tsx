import { Button } from './button';

export interface RetryCountdownProps {
  /** Whole seconds until the next try, or null when none is planned. */
  secondsLeft: number | null;
  /** A try is under way. */
  busy: boolean;
  retryNow: () => void;
}

/** "Trying again in 8 s" with a button to try at once. */
export function RetryCountdown({ secondsLeft, busy, retryNow }: RetryCountdownProps) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="retry-countdown">
      {/* Not a live region: a number read out every second would drown everything else. */}
      <span>{busy ? 'Trying again…' : secondsLeft !== null ? `Trying again in ${secondsLeft} s.` : ''}</span>
      <Button size="sm" onClick={retryNow} disabled={busy}>
        Retry now
      </Button>
    </span>
  );
}
