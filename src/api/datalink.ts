import { queryOptions } from '@tanstack/react-query';
import { fetchLinks } from '../protocol/datalink/fetch-links';
import type { ServiceConfig } from '../lib/services';
import { proxiedUrl, proxyForwardsTo, type ProxyInfo } from '../lib/proxy';
import { jobKeys, retryUnlessPermanent } from './keys';
import { getServiceClient } from './service-client';

/**
 * The URL a DataLink request goes to: through the app's proxy whenever it
 * forwards to that origin, since some services answer browsers with HTML.
 */
export function datalinkRequestUrl(url: string, proxy: ProxyInfo | null): string {
  return proxy && proxyForwardsTo(proxy, url) ? proxiedUrl(url) : url;
}

/** The links of one data set, read once per URL for the session. */
export function datalinkQueryOptions(service: ServiceConfig, linksUrl: string, proxy: ProxyInfo | null) {
  return queryOptions({
    queryKey: [...jobKeys.service(service), 'datalink', linksUrl, proxy ? 'proxy' : 'direct'] as const,
    queryFn: ({ signal }) => fetchLinks(getServiceClient(service).transport, datalinkRequestUrl(linksUrl, proxy), signal),
    retry: retryUnlessPermanent,
    staleTime: Infinity,
  });
}
