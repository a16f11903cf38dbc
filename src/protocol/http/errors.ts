/**
 * One error hierarchy for everything that talks to a service.
 *
 * Every error carries facts: the URL it concerns (without credentials or
 * secret query parameters), the method, the HTTP status, content type and the
 * first characters of the body where there was an answer, and, where it wraps
 * another failure, that failure as `cause`. Messages are technical, as in ky
 * ("Request failed with status code 404 Not Found: GET https://…"), for logs
 * and the "Technical details" of the UI; they never contain a token or
 * password. The words a user reads are written from these facts in one place,
 * src/lib/error-words.ts.
 */

export interface ServiceErrorOptions {
  url?: string;
  /** The HTTP method of the request that failed. */
  method?: string;
  cause?: unknown;
}

/** Base class: anything that went wrong while talking to a service. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly url: string | undefined;
  readonly method: string | undefined;

  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
    this.method = options.method;
  }
}

export interface HttpErrorOptions extends ServiceErrorOptions {
  status: number;
  statusText?: string;
  contentType?: string | null;
  /** The first characters of the body, for diagnosis (never the whole body). */
  bodySnippet?: string;
  /** The service's own message, when the body was a VOTable error document. */
  serviceMessage?: string;
}

/** The server answered with a non-success HTTP status. */
export class HttpError extends ServiceError {
  override name = 'HttpError';
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | null;
  readonly bodySnippet: string;
  readonly serviceMessage: string | null;

  constructor(message: string, options: HttpErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.statusText = options.statusText ?? '';
    this.contentType = options.contentType ?? null;
    this.bodySnippet = options.bodySnippet ?? '';
    this.serviceMessage = options.serviceMessage ?? null;
  }
}

/** 400: the service did not accept what was sent. */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
}

/** 401: the service wants credentials, or did not accept the ones sent. */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
}

/** 403: the credentials are known but not allowed to do this. */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
}

/** 404: no such job or resource (the job may have been destroyed). */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
}

/** 429: the service asks the client to slow down. */
export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  /** Seconds to wait before trying again, from Retry-After, when given. */
  readonly retryAfterSeconds: number | null;

  constructor(message: string, options: HttpErrorOptions & { retryAfterSeconds: number | null }) {
    super(message, options);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** 5xx: the service failed. */
export class ServerError extends HttpError {
  override name = 'ServerError';
  /** Seconds to wait before trying again, from Retry-After (503), when given. */
  readonly retryAfterSeconds: number | null;

  constructor(message: string, options: HttpErrorOptions & { retryAfterSeconds?: number | null }) {
    super(message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/**
 * fetch() itself rejected: no HTTP answer was seen at all. In a browser the
 * usual causes are an unreachable host and a service that sends no CORS
 * headers (the browser then hides its answer from the page).
 */
export class NetworkError extends ServiceError {
  override name = 'NetworkError';
  /**
   * An Authorization header went with the request: a service must then also
   * allow that header in its CORS preflight answer, or the browser blocks it.
   */
  readonly authorizationSent: boolean;

  constructor(message: string, options: ServiceErrorOptions & { authorizationSent?: boolean } = {}) {
    super(message, options);
    this.authorizationSent = options.authorizationSent ?? false;
  }
}

/** No answer within the time allowed. */
export class TimeoutError extends ServiceError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(message: string, options: ServiceErrorOptions & { timeoutMs: number }) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** The request was cancelled by the caller (not an error the user must see). */
export class AbortedError extends ServiceError {
  override name = 'AbortedError';
}

export interface ProtocolErrorOptions extends ServiceErrorOptions {
  status?: number;
  contentType?: string | null;
  /** The first 200 characters received. */
  received?: string;
}

/**
 * The server answered, but not with what the protocol promises: an HTML page
 * where XML was due, an empty body, XML of the wrong kind, a forbidden DOCTYPE.
 */
export class ProtocolError extends ServiceError {
  override name = 'ProtocolError';
  readonly status: number | undefined;
  readonly contentType: string | null;
  readonly received: string;

  constructor(message: string, options: ProtocolErrorOptions = {}) {
    super(message, options);
    this.status = options.status;
    this.contentType = options.contentType ?? null;
    this.received = (options.received ?? '').slice(0, 200);
  }
}

/**
 * The service reported an error in a DALI/VOTable error document
 * (`<INFO name="QUERY_STATUS" value="ERROR">text</INFO>`), possibly with
 * HTTP 200. The message is the service's own text.
 */
export class ServiceReportedError extends ServiceError {
  override name = 'ServiceReportedError';
  readonly status: number | undefined;
  readonly serviceMessage: string;

  constructor(serviceMessage: string, options: ServiceErrorOptions & { status?: number } = {}) {
    super(`The service reported an error: ${serviceMessage || '(no message given)'}`, options);
    this.status = options.status;
    this.serviceMessage = serviceMessage;
  }
}

const SECRET_PARAMETER =
  /^(token|access_token|id_token|refresh_token|apikey|api_key|key|password|passwd|pwd|secret|auth|authorization|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|session|sessionid|jsessionid)$/i;

/** Remove user info and credential-like query parameters from a URL for display. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMETER.test(key)) {
        parsed.searchParams.set(key, 'REDACTED');
      }
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

/** True for errors that a retry cannot fix (so a query layer should not retry). */
export function isPermanent(error: unknown): boolean {
  if (error instanceof TooManyRequestsError) return false;
  if (error instanceof ServerError) return false;
  if (error instanceof NetworkError || error instanceof TimeoutError) return false;
  return error instanceof ServiceError;
}
