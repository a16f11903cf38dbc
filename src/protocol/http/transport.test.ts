import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  BadRequestError,
  ForbiddenError,
  HttpError,
  NetworkError,
  NotFoundError,
  ServerError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from './errors';
import { fakeFetch } from './fake-fetch';
import { createTransport } from './transport';

const SERVICE = 'https://tap.example.org/tap';
const TOKEN = 'eyJhbGciOi.secret-token-value.sig';
const VOTABLE_ERROR = `<?xml version="1.0"?><VOTABLE xmlns="http://www.ivoa.net/xml/VOTable/v1.3" version="1.4"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">UWS job 'x' could not be located in jobs table</INFO></RESOURCE></VOTABLE>`;

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requests', () => {
  it('repeats array query parameters and leaves out undefined ones', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch });
    await transport.request(`${SERVICE}/async`, { query: { PHASE: ['EXECUTING', 'QUEUED'], LAST: 5, AFTER: undefined } });
    expect(service.requests[0]?.url).toBe(`${SERVICE}/async?PHASE=EXECUTING&PHASE=QUEUED&LAST=5`);
  });

  it('posts a form as URLSearchParams and sets no headers of its own, so no CORS preflight is needed', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: SERVICE });
    await transport.request(`${SERVICE}/async/1/phase`, { form: { PHASE: 'RUN', UNSET: undefined } });
    const request = service.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.body).toBeInstanceOf(URLSearchParams);
    expect(String(request?.body)).toBe('PHASE=RUN');
    expect([...(request?.headers.keys() ?? [])]).toEqual([]);
  });

  it('reads every answer fresh, never through the browser cache, so a server that hangs on a revalidation (DaCHS on If-Modified-Since) cannot stall a second opening', async () => {
    const service = fakeFetch(() => ({ body: 'ok', headers: { 'Last-Modified': 'Wed, 02 Dec 2026 08:16:02 GMT' } }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: SERVICE });
    await transport.request(`${SERVICE}/async/1/results/result`);
    await transport.request(`${SERVICE}/async/1`, { form: { PHASE: 'RUN' } });
    expect(service.requests.map((r) => r.cache)).toEqual(['no-store', 'no-store']);
  });

  it('sends multipart bodies as FormData', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const form = new FormData();
    form.append('t1', new Blob(['<VOTABLE/>']), 't1');
    await createTransport({ fetch: service.fetch }).request(`${SERVICE}/async`, { method: 'POST', multipart: form });
    expect(service.requests[0]?.body).toBe(form);
  });

  it('reports the final URL after a followed redirect', async () => {
    const service = fakeFetch((request) =>
      request.url.endsWith('/tap/async') ? { status: 303, headers: { location: 'https://tap.example.org/__system__/tap/run/async/ab12' } } : { body: 'job' },
    );
    const response = await createTransport({ fetch: service.fetch }).request(`${SERVICE}/async`, { form: { LANG: 'ADQL' } });
    expect(response.url).toBe('https://tap.example.org/__system__/tap/run/async/ab12');
    expect(service.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(await response.text()).toBe('job');
  });
});

describe('credentials', () => {
  it('sends a bearer token only to the service origin', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: SERVICE, credential: { kind: 'bearer', token: TOKEN } });
    await transport.request(`${SERVICE}/async`);
    await transport.request('https://files.example.net/results/1.vot');
    await transport.request('http://tap.example.org/tap/async');
    expect(service.requests.map((r) => r.headers.get('authorization'))).toEqual([`Bearer ${TOKEN}`, null, null]);
  });

  it('includes cookies only for the service origin', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: SERVICE, credential: { kind: 'cookies' } });
    await transport.request(`${SERVICE}/async`);
    await transport.request('https://cdn.example.net/x');
    expect(service.requests.map((r) => r.credentials)).toEqual(['include', 'omit']);
  });

  it('sends no credential without a service URL to bind it to', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const transport = createTransport({ fetch: service.fetch, credential: { kind: 'bearer', token: TOKEN } });
    await transport.request(`${SERVICE}/async`);
    expect(service.requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('never puts the token in an error message, even when the service echoes it', async () => {
    const service = fakeFetch(() => ({ status: 401, body: `invalid token ${TOKEN}` }));
    const transport = createTransport({ fetch: service.fetch, serviceUrl: SERVICE, credential: { kind: 'bearer', token: TOKEN } });
    const error = (await failure(transport.request(`${SERVICE}/async?token=${TOKEN}`))) as UnauthorizedError;
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).not.toContain(TOKEN);
    expect(error.bodySnippet).not.toContain(TOKEN);
    expect(error.url).not.toContain(TOKEN);
    expect(error.message).toContain('invalid token [REDACTED]');
  });

  it('keeps a password in the URL out of error messages', async () => {
    const transport = createTransport({ fetch: () => Promise.reject(new TypeError('Request cannot be constructed from a URL that includes credentials: https://ada:hunter2@tap.example.org/tap')) });
    const error = (await failure(transport.request('https://ada:hunter2@tap.example.org/tap/async'))) as NetworkError;
    expect(error.message).not.toContain('hunter2');
    expect(error.url).not.toContain('hunter2');
  });

  it('keeps the token out of a network error that quotes the failure', async () => {
    const transport = createTransport({
      fetch: () => Promise.reject(new TypeError(`connect failed for Bearer ${TOKEN}`)),
      serviceUrl: SERVICE,
      credential: { kind: 'bearer', token: TOKEN },
    });
    const error = (await failure(transport.request(`${SERVICE}/async`))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).not.toContain(TOKEN);
    expect(error.authorizationSent).toBe(true);
  });
});

describe('HTTP errors', () => {
  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [429, TooManyRequestsError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
    [418, HttpError],
  ])('maps status %i to its error class with status, URL and a body snippet', async (status, ErrorClass) => {
    const service = fakeFetch(() => ({ status, body: `<html><body>${'x'.repeat(500)}</body></html>`, headers: { 'content-type': 'text/html' } }));
    const error = (await failure(createTransport({ fetch: service.fetch }).request(`${SERVICE}/async/7`))) as HttpError;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.url).toBe(`${SERVICE}/async/7`);
    expect(error.contentType).toBe('text/html');
    expect(error.bodySnippet).toHaveLength(200);
    expect(error.method).toBe('GET');
    expect(error.message).toMatch(new RegExp(`^Request failed with status code ${status}\\b.*: GET ${SERVICE}/async/7; the body began: "<html>`));
  });

  it('reads Retry-After on 429 as seconds', async () => {
    const service = fakeFetch(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    const error = (await failure(createTransport({ fetch: service.fetch }).request(SERVICE))) as TooManyRequestsError;
    expect(error.retryAfterSeconds).toBe(120);
    expect(error.message).toContain('Retry-After: 120 s');
  });

  it('reads Retry-After on 503 as an HTTP date', async () => {
    const later = new Date(Date.now() + 90_000).toUTCString();
    const service = fakeFetch(() => ({ status: 503, headers: { 'retry-after': later } }));
    const error = (await failure(createTransport({ fetch: service.fetch }).request(SERVICE))) as ServerError;
    expect(error.retryAfterSeconds).toBeGreaterThan(80);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(90);
  });

  it("quotes the service's own message from a VOTable error body", async () => {
    const service = fakeFetch(() => ({ status: 404, body: VOTABLE_ERROR, headers: { 'content-type': 'text/xml' } }));
    const error = (await failure(createTransport({ fetch: service.fetch }).request(`${SERVICE}/async/x`))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.serviceMessage).toBe("UWS job 'x' could not be located in jobs table");
    expect(error.message).toContain("could not be located");
  });
});

describe('failures without an HTTP answer', () => {
  it('wraps a rejected fetch in a NetworkError that names the request and the browser’s reason', async () => {
    const cause = new TypeError('Failed to fetch');
    const transport = createTransport({ fetch: () => Promise.reject(cause) });
    const error = (await failure(transport.request(`${SERVICE}/async`))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(`Request failed without an HTTP answer: GET ${SERVICE}/async (Failed to fetch)`);
    expect(error.authorizationSent).toBe(false);
  });

  it('gives up with a TimeoutError when no answer comes in time', async () => {
    const service = fakeFetch(() => new Promise(() => undefined));
    const error = (await failure(createTransport({ fetch: service.fetch, timeoutMs: 30 }).request(SERVICE))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(30);
  });

  it('lets a single request ask for a longer timeout', async () => {
    vi.useFakeTimers();
    const service = fakeFetch(() => new Promise((resolve) => setTimeout(() => resolve({ body: 'late' }), 45_000)));
    const pending = createTransport({ fetch: service.fetch, timeoutMs: 30_000 }).request(SERVICE, { timeoutMs: 75_000 });
    await vi.advanceTimersByTimeAsync(45_000);
    expect(await (await pending).text()).toBe('late');
  });

  it('times out a body that stops arriving', async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('<uws:job')) });
    const service = fakeFetch(() => ({ body: stalled }));
    const response = await createTransport({ fetch: service.fetch, timeoutMs: 30 }).request(SERVICE);
    expect(await failure(response.text())).toBeInstanceOf(TimeoutError);
  });

  it('reports a cancelled request as AbortedError', async () => {
    const service = fakeFetch(() => new Promise(() => undefined));
    const controller = new AbortController();
    const pending = failure(createTransport({ fetch: service.fetch }).request(SERVICE, { signal: controller.signal }));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortedError);
  });

  it('cancels a streamed download when the caller aborts after the headers arrived', async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new Uint8Array(1024)) });
    const service = fakeFetch(() => ({ body: stalled }));
    const controller = new AbortController();
    const response = await createTransport({ fetch: service.fetch }).request(SERVICE, { signal: controller.signal });
    const reading = failure(response.bytes());
    controller.abort();
    expect(await reading).toBeInstanceOf(AbortedError);
  });

  it('does not even send a request whose signal is already aborted', async () => {
    const service = fakeFetch(() => ({ body: 'ok' }));
    const error = await failure(createTransport({ fetch: service.fetch }).request(SERVICE, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(service.requests).toHaveLength(0);
  });
});
