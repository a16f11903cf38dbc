/**
 * One UWS client per (service URL, credential), shared by every screen, over
 * the service's one transport (./service-transport).
 */
import type { Transport } from '../protocol/http/transport';
import { tapAsyncUrl } from '../protocol/tap';
import { createUwsClient, type UwsClient } from '../protocol/uws/client';
import type { ServiceConfig } from '../lib/services';
import { getServiceTransport, serviceClientKey } from './service-transport';

export interface ServiceClient {
  tapUrl: string;
  transport: Transport;
  uws: UwsClient;
}

const clients = new Map<string, ServiceClient>();

export function getServiceClient(service: ServiceConfig): ServiceClient {
  const key = serviceClientKey(service);
  const transport = getServiceTransport(service);
  let client = clients.get(key);
  if (!client || client.transport !== transport) {
    const uws = createUwsClient({ listUrl: tapAsyncUrl(service.tapUrl), transport });
    client = { tapUrl: service.tapUrl, transport, uws };
    // Drop clients of the same service with an older credential.
    for (const k of clients.keys()) if (k.startsWith(`${service.tapUrl}\n`)) clients.delete(k);
    clients.set(key, client);
  }
  return client;
}
