import { useId } from 'react';
import { useSamp } from '../lib/samp/use-samp';
import type { SampTableFormat } from '../lib/samp/session';
import { Button } from './button';

export interface SampSendProps {
  /** The URL other tools load the table from: the service's own URL, never a blob or a proxied one. */
  url: string;
  tableId: string;
  name: string;
  /** What the URL serves: VOTable or FITS (each has its own SAMP load message). */
  format?: SampTableFormat;
  /** Set when the URL needs a credential the receiving tool will not have. */
  credentialNote?: string | null;
}

/**
 * Hand a result to TOPCAT, Aladin or any other VO tool over SAMP: the hub's
 * state, the clients that take tables, and what each did with the table.
 */
export function SampSend({ url, tableId, name, format = 'votable', credentialNote }: SampSendProps) {
  const { status, peers, problem, lastSend, session } = useSamp();
  const headingId = useId();
  const takers = peers.filter((p) => (format === 'fits' ? p.takesFits : p.takesTables));
  const canSend = status === 'connected' && !credentialNote && takers.length > 0;
  const send = (to: string | null) => void session.sendTable({ url, tableId, name, format }, to).catch(() => undefined);

  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 id={headingId} className="font-semibold">
        Send to a VO tool (SAMP)
      </h3>
      {credentialNote && <p className="text-amber-800 dark:text-amber-300">{credentialNote}</p>}
      <div className="flex flex-wrap items-center gap-2" role="status">
        {status === 'disconnected' && (
          <>
            <span>Not connected to a SAMP hub.</span>
            <Button size="sm" onClick={() => void session.connect()}>
              Connect
            </Button>
          </>
        )}
        {status === 'connecting' && <span>Connecting to the SAMP hub…</span>}
        {(status === 'no-hub' || status === 'error') && (
          <>
            <span>{problem}</span>
            <Button size="sm" onClick={() => void session.connect()}>
              Try again
            </Button>
          </>
        )}
        {status === 'connected' && (
          <>
            <span>
              Connected.{' '}
              {peers.length === 0
                ? 'No other tool is on the hub.'
                : `On the hub: ${peers.map((p) => p.name).join(', ')}.`}
              {peers.length > 0 && takers.length === 0 && (format === 'fits' ? ' None of them takes FITS tables.' : ' None of them takes tables.')}
            </span>
            <Button size="sm" variant="ghost" onClick={() => void session.disconnect()}>
              Disconnect
            </Button>
          </>
        )}
      </div>
      {status === 'connected' && takers.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {takers.map((p) => (
            <Button key={p.id} size="sm" disabled={!canSend} onClick={() => send(p.id)}>
              Send to {p.name}
            </Button>
          ))}
          {takers.length > 1 && (
            <Button size="sm" disabled={!canSend} onClick={() => send(null)}>
              Send to all
            </Button>
          )}
        </div>
      )}
      {lastSend && (
        <p aria-live="polite">
          {lastSend.waiting.length > 0 && `Waiting for ${lastSend.waiting.join(', ')} to load “${lastSend.tableName}”. `}
          {lastSend.loaded.length > 0 && `Loaded by ${lastSend.loaded.join(', ')}. `}
          {lastSend.failed.map((f) => `${f.name} could not load it: ${f.reason}. `).join('')}
        </p>
      )}
    </section>
  );
}
