import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { availabilityQueryOptions } from '../../api';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { UseProxyButton } from '../../components/use-proxy-button';
import { proxyInfoQueryOptions, useProxyInfo } from '../../api';
import { originOf } from '../../protocol/http/request-url';
import { addProxyTarget, isProxiedUrl, proxyForwardsTo } from '../../lib/proxy';
import type { ServiceConfig } from '../../lib/services';

/**
 * The way through uws-desk's proxy for a service reached directly that the browser cannot
 * read: use it when the proxy forwards to the service's origin, or, on a local install,
 * let the proxy forward there (after confirmation; saved in proxy.config.json).
 */
export function ProxyAccess({ service }: { service: ServiceConfig }) {
  const info = useProxyInfo();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // Offered only where the service cannot be read directly: one that answers needs no proxy.
  const availability = useQuery(availabilityQueryOptions(service));
  const origin = originOf(service.tapUrl);
  const add = useMutation({
    mutationFn: (target: string) => addProxyTarget(target),
    onSuccess: (next) => {
      queryClient.setQueryData(proxyInfoQueryOptions.queryKey, next);
      setConfirming(false);
    },
  });

  if (!info || !origin || isProxiedUrl(service.tapUrl) || !availability.isError) return null;
  const forwards = proxyForwardsTo(info, service.tapUrl);
  if (!forwards && !info.canAddTargets) return null;

  return (
    <section aria-label="Through the proxy" className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-300">Through the proxy</h3>
      {forwards ? (
        <>
          <p>
            uws-desk’s proxy forwards to <bdi className="font-mono">{origin}</bdi>: use it when the browser cannot read this
            service’s answers (no CORS headers).
          </p>
          <UseProxyButton service={service}>Use it through the proxy</UseProxyButton>
        </>
      ) : (
        <>
          <p>
            When the browser cannot read this service’s answers (no CORS headers), the proxy of this local install can reach it
            for you. It does not forward to <span className="font-mono">{origin}</span> yet.
          </p>
          <Button size="sm" onClick={() => setConfirming(true)}>
            Let the proxy forward to {origin}…
          </Button>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Let the proxy forward to ${origin}?`}
        confirmLabel="Add to the proxy"
        tone="primary"
        busy={add.isPending}
        onCancel={() => {
          setConfirming(false);
          add.reset();
        }}
        onConfirm={() => add.mutate(origin)}
      >
        <p>
          The proxy of this uws-desk will forward requests from this app to every service on{' '}
          <span className="font-mono">{origin}</span>, with the credential you set for each. The origin is saved in the
          proxy’s <code>proxy.config.json</code>; remove it there to undo.
        </p>
        {add.isError && (
          <p role="alert" className="mt-2 text-red-700 dark:text-red-300">
            Not added: <bdi>{add.error.message}</bdi>
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
