/**
 * One transport per (service URL, credential), shared by every screen and by
 * the service's UWS client (./service-client), so that connection settings
 * stay consistent. Kept apart from the UWS client so that a screen that only
 * asks whether a service is up does not load the UWS and XML code.
 */
import { createTransport, type Transport } from '../protocol/http/transport';
import type { Credential, ServiceConfig } from '../lib/services';

const transports = new Map<string, Transport>();

/** The cache key: the token is part of it only in memory; it is never written anywhere. */
export function serviceClientKey(service: ServiceConfig): string {
  const credential: Credential = service.credential;
  return `${service.tapUrl}\n${credential.kind === 'bearer' ? `bearer:${credential.token}` : credential.kind}`;
}

export function getServiceTransport(service: ServiceConfig): Transport {
  const key = serviceClientKey(service);
  let transport = transports.get(key);
  if (!transport) {
    transport = createTransport({ credential: service.credential, serviceUrl: service.tapUrl });
    // Drop the transports of the same service with an older credential.
    for (const k of transports.keys()) if (k.startsWith(`${service.tapUrl}\n`)) transports.delete(k);
    transports.set(key, transport);
  }
  return transport;
}
