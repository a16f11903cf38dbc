import { useReachability } from '../api';
import { RetryCountdown } from '../components/retry-countdown';
import { useNow } from '../lib/use-now';
import type { ServiceConfig } from '../lib/services';

/** How long the demo service may reasonably take to start beside the app. */
const DEMO_START_MS = 2 * 60_000;

const note = 'rounded-md border p-3 text-sm';
const waiting = `${note} border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100`;

/**
 * Says so, above the screen, while the current service cannot be reached or
 * says it is down; checks again by itself with a visible countdown, and
 * disappears (the screen below reading everything again) when it answers.
 * The job page has its own countdown for its job, so it does not show this.
 */
export function ServiceReachability({ service }: { service: ServiceConfig }) {
  const r = useReachability(service);
  const now = useNow();
  if (!r.failing) return null;
  const countdown = <RetryCountdown secondsLeft={r.secondsLeft} busy={r.checking} retryNow={r.retryNow} />;

  if (service.preset && service.id === 'demo') {
    const startingUp = r.failingSince === null || now - r.failingSince < DEMO_START_MS;
    return (
      <div className={`${waiting} mb-3`} role="status" data-testid="service-reachability">
        {startingUp ? (
          <p>
            <strong>Waiting for the demo service to start.</strong> When uws-desk has just been started, the demo
            service needs up to about a minute more. This page carries on by itself as soon as it answers.
          </p>
        ) : (
          <p>
            <strong>The demo service is not answering.</strong> It runs beside the app when uws-desk is started with{' '}
            <code>npm start</code>, or on its own with <code>npm run demo</code>. This page carries on by itself as soon
            as it answers.
          </p>
        )}
        <div className="mt-2">{countdown}</div>
      </div>
    );
  }

  if (r.error === null) {
    return (
      <div className={`${waiting} mb-3`} role="status" data-testid="service-reachability">
        <p>
          <strong>{service.label} says it is not available.</strong>
          {r.note ? ` Its note: “${r.note}”.` : ''} This page carries on by itself when it is back.
        </p>
        <div className="mt-2">{countdown}</div>
      </div>
    );
  }

  // The screen below explains the failure where it happened; this says that it is checked again.
  return (
    <div className={`${waiting} mb-3`} role="status" data-testid="service-reachability">
      <p>
        <strong>{service.label} cannot be reached.</strong> This page carries on by itself as soon as it answers.
      </p>
      <div className="mt-2">{countdown}</div>
    </div>
  );
}
