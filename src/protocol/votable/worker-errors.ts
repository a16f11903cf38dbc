/**
 * Errors across the worker boundary: a worker can post only plain data, so
 * the typed errors of the transport and the decoder are sent as their facts
 * and rebuilt as the same classes on the other side.
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
} from '../http/errors';
import { VotableError, type VotableErrorCode } from './types';

/** A result larger than the caller allowed to load without asking: `size` bytes (null when only `atLeast` is known). */
export class ResultTooLargeError extends Error {
  override name = 'ResultTooLargeError';
  readonly size: number | null;
  readonly atLeast: number;
  readonly limit: number;

  constructor(options: { size: number | null; atLeast: number; limit: number }) {
    super(
      options.size === null
        ? `The result is larger than ${options.limit} bytes, the limit for loading it without asking.`
        : `The result is ${options.size} bytes, more than ${options.limit}, the limit for loading it without asking.`,
    );
    this.size = options.size;
    this.atLeast = options.atLeast;
    this.limit = options.limit;
  }
}

export interface SerializedError {
  name: string;
  message: string;
  url?: string;
  status?: number;
  statusText?: string;
  contentType?: string | null;
  bodySnippet?: string;
  serviceMessage?: string | null;
  retryAfterSeconds?: number | null;
  timeoutMs?: number;
  received?: string;
  code?: VotableErrorCode;
  size?: number | null;
  atLeast?: number;
  limit?: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof VotableError) return { name: 'VotableError', message: error.message, code: error.code };
  if (error instanceof ResultTooLargeError) return { name: error.name, message: error.message, size: error.size, atLeast: error.atLeast, limit: error.limit };
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out: SerializedError = { name: error.name, message: error.message };
  if (error instanceof ServiceError && error.url !== undefined) out.url = error.url;
  if (error instanceof HttpError) {
    Object.assign(out, {
      status: error.status,
      statusText: error.statusText,
      contentType: error.contentType,
      bodySnippet: error.bodySnippet,
      serviceMessage: error.serviceMessage,
    });
  }
  if (error instanceof TooManyRequestsError || error instanceof ServerError) out.retryAfterSeconds = error.retryAfterSeconds;
  if (error instanceof TimeoutError) out.timeoutMs = error.timeoutMs;
  if (error instanceof ProtocolError) Object.assign(out, { status: error.status, contentType: error.contentType, received: error.received });
  if (error instanceof ServiceReportedError) Object.assign(out, { status: error.status, serviceMessage: error.serviceMessage });
  return out;
}

const HTTP_CLASSES: Record<string, typeof HttpError> = {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
};

export function reviveError(s: SerializedError): Error {
  const base = s.url === undefined ? {} : { url: s.url };
  const http = {
    ...base,
    status: s.status ?? 0,
    ...(s.statusText !== undefined ? { statusText: s.statusText } : {}),
    contentType: s.contentType ?? null,
    ...(s.bodySnippet !== undefined ? { bodySnippet: s.bodySnippet } : {}),
    ...(s.serviceMessage ? { serviceMessage: s.serviceMessage } : {}),
  };
  switch (s.name) {
    case 'VotableError':
      return new VotableError(s.code ?? 'malformed', s.message);
    case 'ResultTooLargeError':
      return new ResultTooLargeError({ size: s.size ?? null, atLeast: s.atLeast ?? 0, limit: s.limit ?? 0 });
    case 'TooManyRequestsError':
      return new TooManyRequestsError(s.message, { ...http, retryAfterSeconds: s.retryAfterSeconds ?? null });
    case 'ServerError':
      return new ServerError(s.message, { ...http, retryAfterSeconds: s.retryAfterSeconds ?? null });
    case 'NetworkError':
      return new NetworkError(s.message, base);
    case 'TimeoutError':
      return new TimeoutError(s.message, { ...base, timeoutMs: s.timeoutMs ?? 0 });
    case 'AbortedError':
      return new AbortedError(s.message, base);
    case 'ProtocolError':
      return new ProtocolError(s.message, { ...base, ...(s.status !== undefined ? { status: s.status } : {}), contentType: s.contentType ?? null, received: s.received ?? '' });
    case 'ServiceReportedError':
      return new ServiceReportedError(s.serviceMessage ?? '', { ...base, ...(s.status !== undefined ? { status: s.status } : {}) });
    case 'ServiceError':
      return new ServiceError(s.message, base);
    default: {
      const Http = HTTP_CLASSES[s.name];
      if (Http) return new Http(s.message, http);
      const error = new Error(s.message);
      error.name = s.name;
      return error;
    }
  }
}
