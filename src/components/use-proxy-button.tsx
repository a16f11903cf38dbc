import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { proxiedUrl, proxiedUrlOnServiceOrigin } from '../lib/proxy';
import { addService, type ServiceConfig } from '../lib/services';
import { Button, type ButtonProps } from './button';

/**
 * Switches to a service's way through uws-desk's proxy: adds it to the list (as "… (via proxy)",
 * with the same credential, which then goes only to its proxy prefix) and shows the same screen
 * for it. A job URL in the address moves to the proxy too: it may lie anywhere on the service's
 * origin, not only under its TAP URL.
 */
export function UseProxyButton({ service, variant, children }: { service: ServiceConfig; variant?: ButtonProps['variant']; children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const onClick = () => {
    const via = proxiedUrl(service.tapUrl);
    addService({ tapUrl: via, label: `${service.label} (via proxy)`, credential: service.credential });
    const params = new URLSearchParams(location.search);
    params.set('service', via);
    const jobUrl = params.get('url');
    if (jobUrl) params.set('url', proxiedUrlOnServiceOrigin(jobUrl, service.tapUrl));
    void navigate(`${location.pathname}?${params.toString()}`);
  };
  return (
    <Button variant={variant} size="sm" onClick={onClick}>
      {children}
    </Button>
  );
}
