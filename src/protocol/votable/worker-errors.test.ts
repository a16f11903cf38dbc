import { describe, expect, it } from 'vitest';
import { NetworkError, NotFoundError, ServerError, TimeoutError, UnauthorizedError } from '../http/errors';
import { VotableError } from './types';
import { reviveError, serializeError } from './worker-errors';

const across = (error: unknown) => reviveError(structuredClone(serializeError(error)));

describe('errors across the worker boundary', () => {
  it('arrive as the same typed errors with their facts, so the page words them the same way', () => {
    const notFound = across(new NotFoundError('gone', { url: 'http://tap.example/r', status: 404, contentType: 'text/html', bodySnippet: '<h1>' }));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ message: 'gone', status: 404, url: 'http://tap.example/r', contentType: 'text/html', bodySnippet: '<h1>' });
    expect(across(new UnauthorizedError('who?', { status: 401 }))).toBeInstanceOf(UnauthorizedError);
    expect(across(new ServerError('busy', { status: 503, retryAfterSeconds: 7 }))).toMatchObject({ status: 503, retryAfterSeconds: 7 });
    expect(across(new TimeoutError('slow', { timeoutMs: 120_000 }))).toMatchObject({ name: 'TimeoutError', timeoutMs: 120_000 });
    expect(across(new NetworkError('down'))).toBeInstanceOf(NetworkError);
    const votable = across(new VotableError('malformed', 'bad XML'));
    expect(votable).toBeInstanceOf(VotableError);
    expect(votable).toMatchObject({ code: 'malformed', message: 'bad XML' });
    expect(across('plain text').message).toBe('plain text');
  });
});
