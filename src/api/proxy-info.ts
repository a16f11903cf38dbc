import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchProxyInfo, type ProxyInfo } from '../lib/proxy';
import { appKeys } from './keys';

/** What this app's proxy forwards to, read once per page load. */
export const proxyInfoQueryOptions = queryOptions({
  queryKey: appKeys.proxyInfo(),
  queryFn: ({ signal }) => fetchProxyInfo(signal),
  staleTime: Infinity,
  retry: false,
});

/** This app's proxy, when it answers (null while unknown or absent). */
export function useProxyInfo(): ProxyInfo | null {
  return useQuery(proxyInfoQueryOptions).data ?? null;
}
