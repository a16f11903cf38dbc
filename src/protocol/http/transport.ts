/**
 * The one HTTP transport of the protocol layer: an injectable fetch, caller
 * cancellation, a per-request timeout, per-service credentials, and the typed
 * errors of ./errors for everything that is not a 2xx answer.
 *
 * Requests are kept "simple" in the CORS sense wherever possible, because many
 * VO services answer preflights badly: only GET and POST, form-encoded or
 * multipart bodies whose Content-Type fetch derives itself, and no custom
 * headers except Authorization for a bearer credential, which is only ever
 * sent inside the service's credential scope (./credential-scope: its origin,
 * or its proxy prefix for a service reached through uws-desk's proxy). Nothing
 * is retried here.
 */
import { AbortedError, NetworkError, TimeoutError, redactUrl } from './errors';
import { CREDENTIAL_SCOPE_HEADER, credentialScope, inCredentialScope } from './credential-scope';
import { httpError } from './http-error';
import { formBody, originOf, withQuery, type ParamValue } from './request-url';

export { formBody, originOf, withQuery, type ParamValue } from './request-url';
export { parseRetryAfter } from './http-error';

export type Credential = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'cookies' };

export interface TransportOptions {
  /** Default: globalThis.fetch (bound). */
  fetch?: typeof fetch;
  /** Default 30 000. */
  timeoutMs?: number;
  /** Default none. */
  credential?: Credential;
  /**
   * Credentials (bearer header; cookies => credentials:'include') only go inside this
   * service's credential scope: its origin, or its proxy prefix when it is proxied.
   */
  serviceUrl?: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, ParamValue>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, ParamValue>;
  /** For uploads (multipart/form-data). */
  multipart?: FormData;
  signal?: AbortSignal;
  timeoutMs?: number;
  accept?: string;
}

export interface TransportResponse {
  status: number;
  /** Final URL after redirects. */
  url: string;
  contentType: string | null;
  headers: Headers;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  /** For a streamed download with progress; not subject to the timeout (use the signal). */
  body: ReadableStream<Uint8Array> | null;
}

export interface Transport {
  request(url: string, options?: RequestOptions): Promise<TransportResponse>;
  readonly serviceUrl?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function createTransport(options: TransportOptions = {}): Transport {
  const doFetch: typeof fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const credential: Credential = options.credential ?? { kind: 'none' };
  const scope = options.serviceUrl === undefined ? null : credentialScope(options.serviceUrl);
  const secret = credential.kind === 'bearer' && credential.token ? credential.token : null;

  /** Never let a token reach a message, however a server echoes it. */
  const scrub = (text: string): string => {
    const withoutUserInfo = text.replace(/(\/\/)[^/\s@]*@/g, '$1');
    return secret ? withoutUserInfo.split(secret).join('[REDACTED]') : withoutUserInfo;
  };

  async function request(url: string, requestOptions: RequestOptions = {}): Promise<TransportResponse> {
    const fullUrl = withQuery(url, requestOptions.query);
    const shownUrl = scrub(redactUrl(fullUrl));
    const method = requestOptions.method ?? (requestOptions.form || requestOptions.multipart ? 'POST' : 'GET');
    const timeoutMs = requestOptions.timeoutMs ?? defaultTimeout;
    const toService = inCredentialScope(fullUrl, scope);

    const headers = new Headers();
    if (requestOptions.accept) headers.set('Accept', requestOptions.accept);
    const sendsBearer = secret !== null && toService;
    if (sendsBearer) {
      headers.set('Authorization', `Bearer ${secret}`);
      // A same-origin redirect keeps the header: this one tells the app's proxy whose token it is,
      // and the proxy drops the token on a request outside that prefix.
      const pageOrigin = globalThis.location === undefined ? null : originOf(globalThis.location.href);
      if (scope && pageOrigin !== null && originOf(fullUrl) === pageOrigin) {
        headers.set(CREDENTIAL_SCOPE_HEADER, scope.prefix ?? '/');
      }
    }

    // Never from or through the browser's HTTP cache: a job's state must be read fresh, results are
    // cached decoded by the app, and a revalidation can hang (DaCHS answers nothing to an
    // If-Modified-Since for a result, so a job opened twice stayed at 'Waiting for the service').
    const init: RequestInit = { method, headers, redirect: 'follow', cache: 'no-store' };
    // Outside the scope nothing of the user's goes along, not even same-origin cookies.
    init.credentials = !toService ? 'omit' : credential.kind === 'cookies' ? 'include' : 'same-origin';
    if (requestOptions.multipart) init.body = requestOptions.multipart;
    else if (requestOptions.form) init.body = formBody(requestOptions.form);

    const controller = new AbortController();
    const callerSignal = requestOptions.signal;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new TimeoutError(`Request timed out after ${formatMs(timeoutMs)}: ${method} ${shownUrl}`, { url: fullUrl, method, timeoutMs }));
      }, timeoutMs);
    };
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) throw new AbortedError(`Request was aborted: ${method} ${shownUrl}`, { url: fullUrl, method, cause: callerSignal.reason });
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    init.signal = controller.signal;

    const failure = (error: unknown): Error => {
      if (timedOut) {
        return new TimeoutError(`Request timed out after ${formatMs(timeoutMs)}: ${method} ${shownUrl}`, { url: fullUrl, method, timeoutMs, cause: error });
      }
      if (callerSignal?.aborted) return new AbortedError(`Request was aborted: ${method} ${shownUrl}`, { url: fullUrl, method, cause: callerSignal.reason });
      return new NetworkError(`Request failed without an HTTP answer: ${method} ${shownUrl} (${describeCause(error, scrub)})`, {
        url: fullUrl,
        method,
        cause: error,
        authorizationSent: sendsBearer,
      });
    };
    const release = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    };
    /**
     * Read a body under the same timeout as the request. The caller's signal
     * stays connected until the body is read, so cancelling also stops a
     * download read from `body`.
     */
    const guarded = async <T>(read: () => Promise<T>): Promise<T> => {
      if (controller.signal.aborted) throw failure(controller.signal.reason);
      armTimer();
      try {
        return await raceAbort(read(), controller.signal);
      } catch (error) {
        throw failure(error);
      } finally {
        release();
      }
    };

    let response: Response;
    armTimer();
    try {
      response = await doFetch(fullUrl, init);
    } catch (error) {
      release();
      throw failure(error);
    }
    clearTimeout(timer);

    const finalUrl = response.url || fullUrl;
    const contentType = response.headers.get('content-type');

    if (response.status < 200 || response.status > 299) {
      let text = '';
      try {
        text = await guarded(() => response.text());
      } catch {
        text = '';
      }
      throw httpError(response, method, finalUrl, contentType, text, scrub);
    }

    return {
      status: response.status,
      url: finalUrl,
      contentType,
      headers: response.headers,
      text: () => guarded(() => response.text()),
      bytes: () => guarded(async () => new Uint8Array(await response.arrayBuffer())),
      body: response.body,
    };
  }

  return options.serviceUrl === undefined ? { request } : { request, serviceUrl: options.serviceUrl };
}

function describeCause(error: unknown, scrub: (text: string) => string): string {
  if (error instanceof Error) {
    const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return scrub(`${error.message}${inner}`);
  }
  return scrub(String(error));
}

/** Settle with the read, or reject as soon as the signal aborts (whether or not the body stream notices). */
function raceAbort<T>(read: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    read.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
