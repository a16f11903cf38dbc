/**
 * The one writer of the words a user reads about a failure. Protocol errors
 * (src/protocol/http/errors.ts) carry facts and technical messages; this
 * module turns them into a title, an explanation and the next steps, and
 * lists the facts for "Technical details". Components show the result
 * (src/components/error-message.tsx); none writes error text of its own.
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

export interface ErrorWords {
  kind: ErrorKind;
  title: string;
  explanation: string;
  /** What the user can do about it, in order. */
  nextSteps: string[];
  /** The facts, for "Technical details": label and value. */
  details: [string, string][];
}

/** A 401 or 403: the credential set for the service is missing, rejected or not enough. */
export function isCredentialProblem(words: ErrorWords): boolean {
  return words.kind === 'unauthorized' || words.kind === 'forbidden';
}

/** The title and explanation as one line, for a list of outcomes. */
export function errorSentence(error: unknown): string {
  const words = errorWords(error);
  return `${words.title}. ${words.explanation}`;
}

function hostOf(url: string | undefined): string {
  if (!url) return 'the service';
  try {
    return new URL(url).host;
  } catch {
    return 'the service';
  }
}

function nameAndMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function detailsOf(error: unknown): [string, string][] {
  const details: [string, string][] = [['Error', nameAndMessage(error)]];
  if (error instanceof ServiceError && error.url) {
    details.push(['Request', error.method ? `${error.method} ${error.url}` : error.url]);
  }
  if (error instanceof HttpError) {
    details.push(['HTTP status', `${error.status}${error.statusText ? ` ${error.statusText}` : ''}`]);
    if (error.contentType) details.push(['Content type', error.contentType]);
    if (error.serviceMessage) details.push(['Service message', error.serviceMessage]);
    if (error.bodySnippet) details.push(['Answer began with', error.bodySnippet]);
  }
  if (error instanceof ProtocolError) {
    if (error.status !== undefined) details.push(['HTTP status', String(error.status)]);
    if (error.contentType) details.push(['Content type', error.contentType]);
    if (error.received) details.push(['Answer began with', error.received]);
  }
  if (error instanceof Error && error.cause !== undefined && !(error instanceof AbortedError)) {
    details.push(['Cause', nameAndMessage(error.cause)]);
  }
  return details;
}

/** A POST whose answer never came may still have been carried out. */
function unconfirmedChange(error: ServiceError): string[] {
  return error.method === 'POST'
    ? ['The request may have reached the service even so (a new job may have been created): look at the job list or the job before trying again.']
    : [];
}

export function errorWords(error: unknown): ErrorWords {
  const details = detailsOf(error);
  const host = error instanceof ServiceError ? hostOf(error.url) : 'the service';
  const words = (kind: ErrorKind, title: string, explanation: string, nextSteps: string[] = []): ErrorWords => ({
    kind,
    title,
    explanation,
    nextSteps,
    details,
  });

  if (error instanceof AbortedError) return words('aborted', 'Cancelled', 'The request was cancelled.');
  if (error instanceof NetworkError) {
    return words(
      'network',
      `No answer could be read from ${host}`,
      'The browser got no answer it was allowed to show. Either the service cannot be reached (down, wrong address, network), or it answered without the CORS headers that let a web page read another site’s answers.',
      [
        ...unconfirmedChange(error),
        ...(error.authorizationSent
          ? ['With a bearer token the service must also allow the Authorization header in its CORS preflight answers.']
          : []),
      ],
    );
  }
  if (error instanceof TimeoutError) {
    return words(
      'timeout',
      `${host} did not answer in time`,
      `No answer came within ${Math.round(error.timeoutMs / 1000)} seconds. The service may be overloaded or the connection slow.`,
      [...unconfirmedChange(error), 'Try again in a moment.'],
    );
  }
  if (error instanceof UnauthorizedError) {
    return words(
      'unauthorized',
      `${host} wants you to identify yourself`,
      'The service answered 401: it needs a credential, or did not accept the one sent (it may have expired).',
      ['Set a bearer token (or use your browser’s login cookies) for this service on the Services page.'],
    );
  }
  if (error instanceof ForbiddenError) {
    return words(
      'forbidden',
      'Not allowed',
      'The service answered 403: your credential is known, but may not do this. The job may belong to someone else.',
      ['Check which credential is set for this service on the Services page.'],
    );
  }
  if (error instanceof NotFoundError) {
    return words(
      'not-found',
      'Not found on the service',
      'The service answered 404: it does not know this address. A job is gone once it was deleted or its destruction time passed; a service URL may be mistyped.',
    );
  }
  if (error instanceof TooManyRequestsError) {
    const wait = error.retryAfterSeconds !== null ? ` It asks to wait ${error.retryAfterSeconds} s.` : '';
    return words('too-many', `${host} asks to slow down`, `The service answered 429 (too many requests).${wait}`, [
      'Wait a little, then try again.',
    ]);
  }
  if (error instanceof ServerError) {
    return words(
      'server',
      `${host} had a problem`,
      `The service failed while answering (HTTP ${error.status}). This is usually temporary.`,
      ['Try again in a moment. If it persists, the archive’s help desk may know more.'],
    );
  }
  if (error instanceof BadRequestError) {
    return words(
      'bad-request',
      'The service refused the request',
      error.serviceMessage ? `It said: ${error.serviceMessage}` : 'It answered 400 (bad request) without saying why.',
    );
  }
  if (error instanceof ServiceReportedError) {
    return words('service-reported', 'The service reported an error', error.serviceMessage || '(The service gave no message.)');
  }
  if (error instanceof ProtocolError) {
    const looksHtml = /<html|<!doctype html/i.test(error.received) || (error.contentType ?? '').includes('html');
    return words(
      'protocol',
      `${host} did not answer like a TAP/UWS service`,
      looksHtml
        ? 'It sent a web page where an XML document was expected. The URL may point to a web page (or a login page) rather than to the TAP service itself.'
        : `Its answer could not be understood: ${error.message}`,
      ['Check that the URL is the TAP service’s base URL (the one ending before /async, /sync or /capabilities).'],
    );
  }
  if (error instanceof HttpError) {
    return words(
      'other',
      `${host} answered HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}`,
      error.serviceMessage ? `It said: ${error.serviceMessage}` : 'The service gave an answer uws-desk did not expect.',
    );
  }
  return words('other', 'Something went wrong', error instanceof Error ? error.message : String(error));
}
