import { describe, expect, it } from 'vitest';
import { AbortedError, BadRequestError, NetworkError, NotFoundError, ProtocolError, ServerError, TimeoutError, TooManyRequestsError, isPermanent, redactUrl } from './errors';

describe('redactUrl', () => {
  it('removes user info and credential-like query parameters', () => {
    expect(redactUrl('https://ada:pw@tap.example.org/tap?token=abc&QUERY=x&api_key=k')).toBe(
      'https://tap.example.org/tap?token=REDACTED&QUERY=x&api_key=REDACTED',
    );
  });
});

describe('isPermanent', () => {
  it('treats rate limits, server failures, network failures and timeouts as worth a retry', () => {
    expect(isPermanent(new TooManyRequestsError('x', { status: 429, retryAfterSeconds: 1 }))).toBe(false);
    expect(isPermanent(new ServerError('x', { status: 503 }))).toBe(false);
    expect(isPermanent(new NetworkError('x'))).toBe(false);
    expect(isPermanent(new TimeoutError('x', { timeoutMs: 1 }))).toBe(false);
  });

  it('treats client errors and protocol violations as permanent', () => {
    expect(isPermanent(new BadRequestError('x', { status: 400 }))).toBe(true);
    expect(isPermanent(new NotFoundError('x', { status: 404 }))).toBe(true);
    expect(isPermanent(new ProtocolError('x'))).toBe(true);
    expect(isPermanent(new AbortedError('x'))).toBe(true);
  });
});

describe('ProtocolError', () => {
  it('keeps the first 200 characters received and the cause', () => {
    const cause = new Error('inner');
    const error = new ProtocolError('bad', { received: 'z'.repeat(300), status: 200, contentType: 'text/html', cause });
    expect(error.received).toHaveLength(200);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('ProtocolError');
  });
});
