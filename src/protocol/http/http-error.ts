/**
 * A non-2xx answer as a typed error of ./errors: its status, URL, content type,
 * the start of its body and the service's own message (a VOTable error
 * document), with a technical message that never carries the token.
 */
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ServerError,
  TooManyRequestsError,
  UnauthorizedError,
  redactUrl,
  type HttpErrorOptions,
} from './errors';
import { findVoTableError } from './votable-error';

const SNIPPET_LENGTH = 200;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - now) / 1000));
}

/** The typed error for a non-2xx response whose body was read as `body`; `scrub` removes the token from anything shown. */
export function httpError(
  response: Response,
  method: string,
  url: string,
  contentType: string | null,
  body: string,
  scrub: (text: string) => string,
): HttpError {
  const status = response.status;
  const serviceMessage = findVoTableError(body);
  const snippet = scrub(body.slice(0, SNIPPET_LENGTH));
  const shownUrl = scrub(redactUrl(url));
  const options: HttpErrorOptions = {
    url,
    method,
    status,
    statusText: response.statusText,
    contentType,
    bodySnippet: snippet,
    ...(serviceMessage === null ? {} : { serviceMessage: scrub(serviceMessage) }),
  };
  const retryAfterSeconds = status === 429 || status >= 500 ? parseRetryAfter(response.headers.get('retry-after')) : null;
  const said = serviceMessage ? `; the service said: ${scrub(serviceMessage)}` : snippet.trim() ? `; the body began: ${JSON.stringify(snippet.trim())}` : '';
  const wait = retryAfterSeconds === null ? '' : `; Retry-After: ${retryAfterSeconds} s`;
  const message = `Request failed with status code ${status}${response.statusText ? ` ${response.statusText}` : ''}: ${method} ${shownUrl}${said}${wait}`;
  switch (status) {
    case 400:
      return new BadRequestError(message, options);
    case 401:
      return new UnauthorizedError(message, options);
    case 403:
      return new ForbiddenError(message, options);
    case 404:
      return new NotFoundError(message, options);
    case 429:
      return new TooManyRequestsError(message, { ...options, retryAfterSeconds });
    default:
      if (status >= 500) return new ServerError(message, { ...options, retryAfterSeconds });
      return new HttpError(message, options);
  }
}
