import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { isTransientService, rememberLastService, useDefaultService, useServiceByUrl, type ServiceConfig } from '../lib/services';

/**
 * The service the current screen is about: the `service` search parameter,
 * else the one used last, else the demo service. Null on the all-services list.
 */
export function useCurrentService(): { service: ServiceConfig; all: boolean; fromLink: boolean } {
  const [params] = useSearchParams();
  const fallback = useDefaultService();
  const param = params.get('service');
  const all = param === 'all';
  const fromLink = !!param && !all;
  const service = useServiceByUrl(fromLink ? param : fallback.tapUrl);
  useEffect(() => {
    if (fromLink && !isTransientService(service)) rememberLastService(service.tapUrl);
  }, [fromLink, service]);
  return { service, all, fromLink };
}
