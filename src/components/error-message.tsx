import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorWords, isCredentialProblem } from '../lib/error-words';
import { credentialPath } from '../lib/routes';
import { useProxyInfo, useServiceAnswers } from '../api';
import { isProxiedUrl, proxyForwardsTo } from '../lib/proxy';
import type { ServiceConfig } from '../lib/services';
import { AbortedError } from '../protocol/http/errors';
import { Button } from './button';
import { cn } from '../lib/cn';
import { UseProxyButton } from './use-proxy-button';

export interface ErrorMessageProps {
  error: unknown;
  /** What was being done, e.g. "Loading the job list". */
  context?: string;
  /** The service concerned: enables the network diagnosis and the proxy offer. */
  service?: ServiceConfig;
  onRetry?: () => void;
  actions?: ReactNode;
  className?: string;
}

/**
 * The one place a failure is shown: the words of lib/error-words (title, explanation, next steps)
 * where it happened, and the technical facts on request.
 */
export function ErrorMessage({ error, context, service, onRetry, actions, className = '' }: ErrorMessageProps) {
  if (error instanceof AbortedError) return null;
  const d = errorWords(error);
  return (
    <div
      role="alert"
      className={cn('rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100', className)}
    >
      <p className="font-semibold">
        {context ? `${context}: ` : ''}
        {d.title}
      </p>
      <p className="mt-1">
        <bdi>{d.explanation}</bdi>
      </p>
      {d.kind === 'network' && service && <NetworkDiagnosis service={service} />}
      {d.nextSteps.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {d.nextSteps.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
      {service && isCredentialProblem(d) && (
        <p className="mt-1">
          <Link className="font-medium underline underline-offset-2" to={credentialPath(service.tapUrl)}>
            Set the credential for <bdi>{service.label}</bdi>
          </Link>
        </p>
      )}
      {(onRetry || actions) && (
        <div className="mt-2 flex flex-wrap gap-2">
          {onRetry && (
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          )}
          {actions}
        </div>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs font-medium underline-offset-2 hover:underline">Technical details</summary>
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
          {d.details.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium">{k}</dt>
              <dd className="font-mono break-all whitespace-pre-wrap">
                <bdi>{v}</bdi>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function NetworkDiagnosis({ service }: { service: ServiceConfig }) {
  const proxied = isProxiedUrl(service.tapUrl);
  const probe = useServiceAnswers(service.tapUrl);
  const proxy = useProxyInfo();
  const forwards = proxy ? proxyForwardsTo(proxy, service.tapUrl) : false;
  const mixed =
    typeof location !== 'undefined' && location.protocol === 'https:' && service.tapUrl.startsWith('http:');

  return (
    <div className="mt-2 space-y-1">
      {probe.isPending && <p>Checking whether the service answers at all…</p>}
      {probe.data === true && !proxied && (
        <p data-testid="diagnosis">
          <strong>Diagnosis: the service answers, but sends no CORS headers.</strong> Browsers hide such answers
          from web pages, so uws-desk cannot read them. The service itself is probably fine; TOPCAT or pyvo would
          reach it.
        </p>
      )}
      {probe.data === false && (
        <p data-testid="diagnosis">
          <strong>Diagnosis: the host cannot be reached.</strong> It may be down, the address may be mistyped, or a
          network or firewall blocks it.
        </p>
      )}
      {mixed && (
        <p>This page is served over https, and browsers block requests from it to plain-http services.</p>
      )}
      {!proxied && probe.data !== false && (
        <>
          <p className="font-medium">What you can do:</p>
          <ul className="list-disc pl-5">
            <li>Ask the archive to enable CORS on its TAP service (Access-Control-Allow-Origin).</li>
            <li>
              Reach it through uws-desk’s proxy: <code>npm start</code> (or <code>npm run serve</code>) serves the app
              with a proxy at <code>/proxy/</code>.
            </li>
            <li>Or serve uws-desk behind a web server that forwards requests to the service.</li>
          </ul>
          {proxy && forwards && (
            <UseProxyButton service={service} variant="primary">
              Reach it through the proxy
            </UseProxyButton>
          )}
          {proxy && !forwards && (
            <p>
              This app’s proxy is running but does not forward to {new URL(service.tapUrl).origin}; its operator can add
              that origin to the <code>targets</code> of <code>proxy.config.json</code>.
            </p>
          )}
        </>
      )}
    </div>
  );
}
