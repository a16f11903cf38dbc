import { describe, expect, it } from 'vitest';
import {
  NetworkError,
  NotFoundError,
  ProtocolError,
  ServerError,
  UnauthorizedError,
} from '../protocol/http/errors';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('explains a 401 as a missing or rejected credential and says where to set one', () => {
    const d = describeError(new UnauthorizedError('401', { status: 401, url: 'http://h:1/tap/async' }));
    expect(d.title).toContain('h:1');
    expect(d.explanation).toMatch(/credential/);
    expect(d.hints.join(' ')).toMatch(/Services page/);
    expect(d.transient).toBe(false);
  });

  it('names both usual causes of a failed fetch', () => {
    const d = describeError(new NetworkError('fetch failed', { url: 'http://h/tap' }));
    expect(d.explanation).toMatch(/cannot be reached/);
    expect(d.explanation).toMatch(/CORS/);
  });

  it('recognises an HTML page where XML was due', () => {
    const d = describeError(new ProtocolError('not XML', { contentType: 'text/html', received: '<!DOCTYPE html><html>' }));
    expect(d.explanation).toMatch(/web page/);
    expect(d.details.some(([k, v]) => k === 'Answer began with' && v.includes('<html>'))).toBe(true);
  });

  it('says a lost job is gone and a 5xx is worth retrying', () => {
    expect(describeError(new NotFoundError('404', { status: 404 })).explanation).toMatch(/deleted|destruction/);
    expect(describeError(new ServerError('503', { status: 503 })).transient).toBe(true);
  });

  it('never puts a token from the URL in the details', () => {
    const d = describeError(new NetworkError('x', { url: 'http://h/tap?token=abc123' }));
    expect(JSON.stringify(d)).not.toContain('abc123');
  });
});
