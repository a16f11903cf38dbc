/**
 * Plain-language explanations of the typed service errors, for the person
 * in front of the screen. The technical facts go in `details`.
 */
import {
  AbortedError,
  BadRequestError,
  ForbiddenError,
  HttpError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  ServerError,
  ServiceError,
  ServiceReportedError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../protocol/http/errors';

export type ErrorKind =
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'too-many'
  | 'server'
  | 'bad-request'
  | 'protocol'
  | 'service-reported'
  | 'aborted'
  | 'other';

export interface ErrorDescription {
  kind: ErrorKind;
  title: string;
  explanation: string;
  /** What the user can do about it. */
  hints: string[];
  /** Worth trying again as is. */
  transient: boolean;
  details: [string, string][];
}

function hostOf(url: string | undefined): string {
  if (!url) return 'the service';
  try {
    return new URL(url).host;
  } catch {
    return 'the service';
  }
}

export function describeError(error: unknown): ErrorDescription {
  const details: [string, string][] = [];
  if (error instanceof Error) details.push(['Error', `${error.name}: ${error.message}`]);
  else details.push(['Error', String(error)]);
  if (error instanceof ServiceError && error.url) details.push(['URL', error.url]);
  if (error instanceof HttpError) {
    details.push(['HTTP status', `${error.status}${error.statusText ? ` ${error.statusText}` : ''}`]);
    if (error.contentType) details.push(['Content type', error.contentType]);
    if (error.bodySnippet) details.push(['Answer began with', error.bodySnippet]);
  }
  if (error instanceof ProtocolError) {
    if (error.status !== undefined) details.push(['HTTP status', String(error.status)]);
    if (error.contentType) details.push(['Content type', error.contentType]);
    if (error.received) details.push(['Answer began with', error.received]);
  }
  const host = error instanceof ServiceError ? hostOf(error.url) : 'the service';

  if (error instanceof AbortedError) {
    return { kind: 'aborted', title: 'Cancelled', explanation: 'The request was cancelled.', hints: [], transient: true, details };
  }
  if (error instanceof NetworkError) {
    return {
      kind: 'network',
      title: `No answer could be read from ${host}`,
      explanation:
        'The browser got no answer it was allowed to show. Either the service cannot be reached (down, wrong address, network), or it answered without the CORS headers that let a web page read another site’s answers.',
      hints: [],
      transient: true,
      details,
    };
  }
  if (error instanceof TimeoutError) {
    return {
      kind: 'timeout',
      title: `${host} did not answer in time`,
      explanation: `No answer came within ${Math.round(error.timeoutMs / 1000)} seconds. The service may be overloaded or the connection slow.`,
      hints: ['Try again in a moment.'],
      transient: true,
      details,
    };
  }
  if (error instanceof UnauthorizedError) {
    return {
      kind: 'unauthorized',
      title: `${host} wants you to identify yourself`,
      explanation:
        'The service answered 401: it needs a credential, or did not accept the one sent (it may have expired).',
      hints: ['Set a bearer token (or use your browser’s login cookies) for this service on the Services page.'],
      transient: false,
      details,
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      kind: 'forbidden',
      title: 'Not allowed',
      explanation:
        'The service answered 403: your credential is known, but may not do this. The job may belong to someone else.',
      hints: ['Check which credential is set for this service.'],
      transient: false,
      details,
    };
  }
  if (error instanceof NotFoundError) {
    return {
      kind: 'not-found',
      title: 'Not found on the service',
      explanation:
        'The service answered 404: it does not know this address. A job is gone once it was deleted or its destruction time passed; a service URL may be mistyped.',
      hints: [],
      transient: false,
      details,
    };
  }
  if (error instanceof TooManyRequestsError) {
    return {
      kind: 'too-many',
      title: `${host} asks to slow down`,
      explanation: `The service answered 429 (too many requests).${
        error.retryAfterSeconds !== null ? ` It asks to wait ${error.retryAfterSeconds} s.` : ''
      }`,
      hints: ['Wait a little, then try again.'],
      transient: true,
      details,
    };
  }
  if (error instanceof ServerError) {
    return {
      kind: 'server',
      title: `${host} had a problem`,
      explanation: `The service failed while answering (HTTP ${error.status}). This is usually temporary.`,
      hints: ['Try again in a moment. If it persists, the archive’s help desk may know more.'],
      transient: true,
      details,
    };
  }
  if (error instanceof BadRequestError) {
    return {
      kind: 'bad-request',
      title: 'The service refused the request',
      explanation: error.message,
      hints: [],
      transient: false,
      details,
    };
  }
  if (error instanceof ServiceReportedError) {
    return {
      kind: 'service-reported',
      title: 'The service reported an error',
      explanation: error.serviceMessage || '(The service gave no message.)',
      hints: [],
      transient: false,
      details,
    };
  }
  if (error instanceof ProtocolError) {
    const looksHtml = /<html|<!doctype html/i.test(error.received) || (error.contentType ?? '').includes('html');
    return {
      kind: 'protocol',
      title: `${host} did not answer like a TAP/UWS service`,
      explanation: looksHtml
        ? 'It sent a web page where an XML document was expected. The URL may point to a web page (or a login page) rather than to the TAP service itself.'
        : `Its answer could not be understood: ${error.message}`,
      hints: ['Check that the URL is the TAP service’s base URL (the one ending before /async, /sync or /capabilities).'],
      transient: false,
      details,
    };
  }
  if (error instanceof HttpError) {
    return {
      kind: 'other',
      title: `${host} answered HTTP ${error.status}`,
      explanation: error.message,
      hints: [],
      transient: false,
      details,
    };
  }
  return {
    kind: 'other',
    title: 'Something went wrong',
    explanation: error instanceof Error ? error.message : String(error),
    hints: [],
    transient: false,
    details,
  };
}
