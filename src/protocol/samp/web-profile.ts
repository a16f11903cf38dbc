/**
 * A SAMP 1.3 Web Profile client (§5): a browser page registers with the hub
 * on the user's machine, sends table and row messages, and pulls the
 * messages and replies addressed to it.
 *
 * Requests go as `text/plain` so that no CORS preflight is needed; the hub
 * answers every call with XML-RPC. Nothing here is retried: a hub that is not
 * running is reported as such, once per call.
 */
import { AbortedError, NetworkError, TimeoutError } from '../http/errors';
import { decodeResponse, encodeCall, type SampMap, type SampValue } from './xml-rpc';

/** The Web Profile's well-known address (SAMP 1.3 §5.2.1). */
export const WEB_PROFILE_URL = 'http://localhost:21012/';

export interface SampMessage {
  'samp.mtype': string;
  'samp.params': SampMap;
}

export interface Registration {
  privateKey: string;
  selfId: string;
  hubId: string;
}

/** What a pull brings: a message for us (notification or call) or a reply to one of our calls. */
export type SampCallback =
  | { kind: 'notification'; senderId: string; message: SampMessage }
  | { kind: 'call'; senderId: string; msgId: string; message: SampMessage }
  | { kind: 'response'; responderId: string; tag: string; response: SampMap };

export interface SampClientOptions {
  hubUrl?: string;
  fetch?: typeof fetch;
  /** Per call, except pullCallbacks which waits longer by design. Default 5 000 ms. */
  timeoutMs?: number;
}

export class HubNotRunningError extends NetworkError {
  override name = 'HubNotRunningError';
}

export interface SampWebClient {
  readonly hubUrl: string;
  register(metadata: SampMap): Promise<Registration>;
  unregister(): Promise<void>;
  declareMetadata(metadata: SampMap): Promise<void>;
  declareSubscriptions(subscriptions: Record<string, SampMap>): Promise<void>;
  allowReverseCallbacks(allow: boolean): Promise<void>;
  getRegisteredClients(): Promise<string[]>;
  getSubscribedClients(mtype: string): Promise<string[]>;
  getMetadata(clientId: string): Promise<SampMap>;
  notify(recipientId: string, message: SampMessage): Promise<void>;
  notifyAll(message: SampMessage): Promise<string[]>;
  call(recipientId: string, tag: string, message: SampMessage): Promise<string>;
  callAll(tag: string, message: SampMessage): Promise<Record<string, string>>;
  reply(msgId: string, response: SampMap): Promise<void>;
  /** Waits up to `timeoutSeconds` for callbacks; returns at once when some are queued. */
  pullCallbacks(timeoutSeconds: number, signal?: AbortSignal): Promise<SampCallback[]>;
  readonly registration: Registration | null;
}

function asMap(value: SampValue | undefined): SampMap {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asString(value: SampValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function asList(value: SampValue | undefined): SampValue[] {
  return Array.isArray(value) ? value : [];
}

function toMessage(value: SampValue | undefined): SampMessage {
  const map = asMap(value);
  return { 'samp.mtype': asString(map['samp.mtype']), 'samp.params': asMap(map['samp.params']) };
}

/** Read one entry of a pullCallbacks answer (§5.2.3: receiveNotification, receiveCall, receiveResponse). */
export function readCallback(value: SampValue): SampCallback | null {
  const map = asMap(value);
  const method = asString(map['samp.methodName']);
  const params = asList(map['samp.params']);
  // The private key is not repeated in pulled callbacks, so the arguments start at the sender.
  switch (method) {
    case 'receiveNotification':
      return { kind: 'notification', senderId: asString(params[0]), message: toMessage(params[1]) };
    case 'receiveCall':
      return { kind: 'call', senderId: asString(params[0]), msgId: asString(params[1]), message: toMessage(params[2]) };
    case 'receiveResponse':
      return { kind: 'response', responderId: asString(params[0]), tag: asString(params[1]), response: asMap(params[2]) };
    default:
      return null;
  }
}

export function createSampWebClient(options: SampClientOptions = {}): SampWebClient {
  const hubUrl = options.hubUrl ?? WEB_PROFILE_URL;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 5_000;
  let registration: Registration | null = null;

  async function rpc(method: string, params: SampValue[], callTimeoutMs = timeoutMs, signal?: AbortSignal): Promise<SampValue> {
    const timeout = AbortSignal.timeout(callTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(hubUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: encodeCall(method, params),
        signal: combined,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      if (signal?.aborted) throw new AbortedError('The SAMP call was cancelled.', { url: hubUrl, cause: error });
      if (timeout.aborted) throw new TimeoutError(`The SAMP hub did not answer ${method} within ${callTimeoutMs / 1000} s.`, { url: hubUrl, cause: error, timeoutMs: callTimeoutMs });
      throw new HubNotRunningError('No SAMP hub answered at ' + hubUrl + '.', { url: hubUrl, cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new HubNotRunningError(`The SAMP hub answered HTTP ${response.status} at ${hubUrl}.`, { url: hubUrl });
    }
    return decodeResponse(text, hubUrl);
  }

  function key(): string {
    if (!registration) throw new Error('Not registered with a SAMP hub.');
    return registration.privateKey;
  }

  return {
    hubUrl,
    get registration() {
      return registration;
    },
    async register(metadata) {
      const answer = asMap(await rpc('samp.webhub.register', [metadata]));
      const privateKey = asString(answer['samp.private-key']);
      if (!privateKey) throw new NetworkError('The SAMP hub accepted the registration but sent no private key.', { url: hubUrl });
      registration = { privateKey, selfId: asString(answer['samp.self-id']), hubId: asString(answer['samp.hub-id']) };
      return registration;
    },
    async unregister() {
      if (!registration) return;
      const k = registration.privateKey;
      registration = null;
      await rpc('samp.webhub.unregister', [k]);
    },
    async declareMetadata(metadata) {
      await rpc('samp.webhub.declareMetadata', [key(), metadata]);
    },
    async declareSubscriptions(subscriptions) {
      await rpc('samp.webhub.declareSubscriptions', [key(), subscriptions]);
    },
    async allowReverseCallbacks(allow) {
      await rpc('samp.webhub.allowReverseCallbacks', [key(), allow ? '1' : '0']);
    },
    async getRegisteredClients() {
      return asList(await rpc('samp.webhub.getRegisteredClients', [key()])).map(asString);
    },
    async getSubscribedClients(mtype) {
      return Object.keys(asMap(await rpc('samp.webhub.getSubscribedClients', [key(), mtype])));
    },
    async getMetadata(clientId) {
      return asMap(await rpc('samp.webhub.getMetadata', [key(), clientId]));
    },
    async notify(recipientId, message) {
      await rpc('samp.webhub.notify', [key(), recipientId, { ...message }]);
    },
    async notifyAll(message) {
      return asList(await rpc('samp.webhub.notifyAll', [key(), { ...message }])).map(asString);
    },
    async call(recipientId, tag, message) {
      return asString(await rpc('samp.webhub.call', [key(), recipientId, tag, { ...message }]));
    },
    async callAll(tag, message) {
      const answer = asMap(await rpc('samp.webhub.callAll', [key(), tag, { ...message }]));
      return Object.fromEntries(Object.entries(answer).map(([id, msgId]) => [id, asString(msgId)]));
    },
    async reply(msgId, response) {
      await rpc('samp.webhub.reply', [key(), msgId, response]);
    },
    async pullCallbacks(timeoutSeconds, signal) {
      const answer = await rpc('samp.webhub.pullCallbacks', [key(), String(timeoutSeconds)], (timeoutSeconds + 5) * 1000, signal);
      return asList(answer)
        .map(readCallback)
        .filter((c): c is SampCallback => c !== null);
    },
  };
}
