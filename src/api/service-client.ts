/**
 * One transport and UWS client per (service URL, credential), shared by every
 * screen, so that caches and connection settings stay consistent.
 */
import { createTransport, type Transport } from '../protocol/http/transport';
import { tapAsyncUrl } from '../protocol/tap';
import { createUwsClient, type UwsClient } from '../protocol/uws/client';
import type { Credential, ServiceConfig } from '../lib/services';

export interface ServiceClient {
  tapUrl: string;
  transport: Transport;
  uws: UwsClient;
}

const clients = new Map<string, ServiceClient>();

function credentialKey(credential: Credential): string {
  // The token is part of the key only in memory; it is never written anywhere.
  return credential.kind === 'bearer' ? `bearer:${credential.token}` : credential.kind;
}

export function getServiceClient(service: ServiceConfig): ServiceClient {
  const key = `${service.tapUrl}\n${credentialKey(service.credential)}`;
  let client = clients.get(key);
  if (!client) {
    const transport = createTransport({ credential: service.credential, serviceUrl: service.tapUrl });
    const uws = createUwsClient({ listUrl: tapAsyncUrl(service.tapUrl), transport });
    client = { tapUrl: service.tapUrl, transport, uws };
    // Drop clients of the same service with an older credential.
    for (const k of clients.keys()) if (k.startsWith(`${service.tapUrl}\n`)) clients.delete(k);
    clients.set(key, client);
  }
  return client;
}
