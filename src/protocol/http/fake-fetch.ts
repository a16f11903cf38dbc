/**
 * A small in-memory HTTP service for tests: a fetch that hands each request to
 * a handler, records it, and follows 303/302/301 redirects the way browsers do
 * (as a GET, with the final URL in response.url).
 */

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The body as sent (URLSearchParams for forms, FormData for multipart). */
  body: BodyInit | null;
  credentials: RequestCredentials | undefined;
  /** The browser-cache mode asked for. */
  cache: RequestCache | undefined;
  /** The form fields of a form-encoded or multipart body. */
  form: URLSearchParams | FormData | null;
}

export interface FakeReply {
  status?: number;
  body?: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest, signal: AbortSignal | undefined) => FakeReply | Promise<FakeReply>;

export interface FakeService {
  fetch: typeof fetch;
  requests: RecordedRequest[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function fakeFetch(handler: FakeHandler): FakeService {
  const requests: RecordedRequest[] = [];

  const call = async (url: string, init: RequestInit, hops: number): Promise<Response> => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const body = init.body ?? null;
    const recorded: RecordedRequest = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      credentials: init.credentials,
      cache: init.cache,
      form: body instanceof URLSearchParams || body instanceof FormData ? body : null,
    };
    requests.push(recorded);
    const reply = await new Promise<FakeReply>((resolve, reject) => {
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(handler(recorded, signal)).then(resolve, reject);
    });
    const status = reply.status ?? 200;
    const headers = new Headers(reply.headers);
    if (REDIRECTS.has(status) && headers.has('location') && init.redirect !== 'manual') {
      if (hops > 10) throw new TypeError('Failed to fetch: too many redirects');
      const next = new URL(headers.get('location') ?? '', url).toString();
      const keepMethod = status === 307 || status === 308;
      return call(next, keepMethod ? init : { ...init, method: 'GET', body: null }, hops + 1);
    }
    const response = new Response(status === 204 || status === 304 ? null : (reply.body ?? ''), { status, headers });
    Object.defineProperty(response, 'url', { value: url });
    return response;
  };

  const fetchImpl = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    call(typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url, init, 0);

  return { fetch: fetchImpl as typeof fetch, requests };
}
