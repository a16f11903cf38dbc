import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BadRequestError,
  ForbiddenError,
  HttpError,
  NetworkError,
  NotFoundError,
  ProtocolError,
  ServerError,
  ServiceReportedError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../protocol/http/errors';
import { errorSentence, errorWords, isCredentialProblem } from './error-words';

const JOB = 'http://h:1/tap/async/7';

describe('errorWords', () => {
  it('explains a 401 as a missing or rejected credential and says where to set one', () => {
    const w = errorWords(new UnauthorizedError('Request failed with status code 401', { status: 401, url: JOB }));
    expect(w.title).toBe('h:1 wants you to identify yourself');
    expect(w.explanation).toMatch(/needs a credential, or did not accept the one sent/);
    expect(w.nextSteps.join(' ')).toMatch(/bearer token .* on the Services page/);
    expect(isCredentialProblem(w)).toBe(true);
  });

  it('says a 403 credential is known but not allowed, and points to the Services page', () => {
    const w = errorWords(new ForbiddenError('x', { status: 403, url: JOB }));
    expect(w.title).toBe('Not allowed');
    expect(w.explanation).toMatch(/credential is known, but may not do this/);
    expect(w.nextSteps.join(' ')).toMatch(/Services page/);
    expect(isCredentialProblem(w)).toBe(true);
  });

  it('names both usual causes of a failed fetch', () => {
    const w = errorWords(new NetworkError('Request failed without an HTTP answer', { url: JOB, method: 'GET' }));
    expect(w.title).toBe('No answer could be read from h:1');
    expect(w.explanation).toMatch(/cannot be reached/);
    expect(w.explanation).toMatch(/CORS/);
    expect(w.nextSteps).toEqual([]);
    expect(isCredentialProblem(w)).toBe(false);
  });

  it('says a bearer token needs the Authorization header allowed in the preflight', () => {
    const w = errorWords(new NetworkError('x', { url: JOB, authorizationSent: true }));
    expect(w.nextSteps.join(' ')).toMatch(/Authorization header in its CORS preflight/);
  });

  it('warns that a POST whose answer was lost may have created the job', () => {
    const lost = errorWords(new NetworkError('x', { url: 'http://h:1/tap/async', method: 'POST' }));
    expect(lost.nextSteps.join(' ')).toMatch(/a new job may have been created.*job list/);
    const late = errorWords(new TimeoutError('x', { url: 'http://h:1/tap/async', method: 'POST', timeoutMs: 30_000 }));
    expect(late.nextSteps[0]).toMatch(/may have reached the service even so/);
    expect(errorWords(new TimeoutError('x', { url: JOB, method: 'GET', timeoutMs: 30_000 })).nextSteps.join(' ')).not.toMatch(/even so/);
  });

  it('calls a request the app cancelled itself cancelled, with nothing to do', () => {
    const w = errorWords(new AbortedError('Request was aborted'));
    expect(w.title).toBe('Cancelled');
    expect(w.nextSteps).toEqual([]);
  });

  it('gives the time allowed for a timeout', () => {
    const w = errorWords(new TimeoutError('x', { url: JOB, timeoutMs: 30_000 }));
    expect(w.title).toBe('h:1 did not answer in time');
    expect(w.explanation).toMatch(/within 30 seconds/);
  });

  it('says a lost job is gone', () => {
    expect(errorWords(new NotFoundError('404', { status: 404 })).explanation).toMatch(/deleted or its destruction time passed/);
  });

  it('passes on how long a rate-limited service asks to wait', () => {
    const w = errorWords(new TooManyRequestsError('x', { status: 429, url: JOB, retryAfterSeconds: 120 }));
    expect(w.title).toBe('h:1 asks to slow down');
    expect(w.explanation).toMatch(/wait 120 s/);
  });

  it('calls a 5xx a problem of the service, usually temporary', () => {
    const w = errorWords(new ServerError('x', { status: 503, url: JOB }));
    expect(w.title).toBe('h:1 had a problem');
    expect(w.explanation).toMatch(/HTTP 503.*usually temporary/);
  });

  it('quotes the service on a 400 and says when it gave no reason', () => {
    expect(errorWords(new BadRequestError('x', { status: 400, serviceMessage: 'Bad phase: run' })).explanation).toBe('It said: Bad phase: run');
    expect(errorWords(new BadRequestError('x', { status: 400 })).explanation).toMatch(/without saying why/);
  });

  it("shows the service's own error document text", () => {
    const w = errorWords(new ServiceReportedError('Table ivoa.nope does not exist'));
    expect(w.title).toBe('The service reported an error');
    expect(w.explanation).toBe('Table ivoa.nope does not exist');
  });

  it('recognises an HTML page where XML was due', () => {
    const w = errorWords(new ProtocolError('not XML', { contentType: 'text/html', received: '<!DOCTYPE html><html>' }));
    expect(w.explanation).toMatch(/web page/);
    expect(w.details.some(([k, v]) => k === 'Answer began with' && v.includes('<html>'))).toBe(true);
  });

  it('names an unexpected status with its text', () => {
    expect(errorWords(new HttpError('x', { status: 418, statusText: "I'm a teapot", url: JOB })).title).toBe("h:1 answered HTTP 418 I'm a teapot");
  });

  it('lists the request, status, content type, body and cause as technical details', () => {
    const cause = new TypeError('Failed to fetch');
    const w = errorWords(
      new ServerError('Request failed with status code 502', {
        status: 502,
        statusText: 'Bad Gateway',
        url: JOB,
        method: 'GET',
        contentType: 'text/html',
        bodySnippet: '<html>gateway</html>',
        cause,
      }),
    );
    expect(Object.fromEntries(w.details)).toMatchObject({
      Request: `GET ${JOB}`,
      'HTTP status': '502 Bad Gateway',
      'Content type': 'text/html',
      'Answer began with': '<html>gateway</html>',
      Cause: 'TypeError: Failed to fetch',
    });
  });

  it('never puts a token from the URL in the details', () => {
    const w = errorWords(new NetworkError('x', { url: 'http://h/tap?token=abc123' }));
    expect(JSON.stringify(w)).not.toContain('abc123');
  });

  it('puts a title and explanation in one sentence for lists of outcomes', () => {
    expect(errorSentence(new NotFoundError('x', { status: 404 }))).toMatch(/^Not found on the service\. The service answered 404/);
  });
});
