import { describe, expect, it } from 'vitest';
import { formBody, withQuery } from './request-url';

describe('withQuery', () => {
  it('keeps existing query parameters and fragments when adding more, also on relative URLs', () => {
    expect(withQuery('https://a.example/x?y=1', { z: ['2', 3] })).toBe('https://a.example/x?y=1&z=2&z=3');
    expect(withQuery('/proxy/tap/async#top', { LAST: 5, PHASE: undefined })).toBe('/proxy/tap/async?LAST=5#top');
    expect(withQuery('/tap/async', { PHASE: undefined })).toBe('/tap/async');
    expect(withQuery('https://a.example/x?q=a+b', { WAIT: 60, PHASE: 'EXECUTING' })).toBe('https://a.example/x?q=a+b&WAIT=60&PHASE=EXECUTING');
  });
});

describe('formBody', () => {
  it('encodes an ADQL query so that a service reads it back unchanged', () => {
    const query = "SELECT * FROM t WHERE name = 'a&b' AND x < 1 + 2";
    const body = formBody({ LANG: 'ADQL', QUERY: query, MAXREC: 10, RUNID: undefined });
    expect(new URLSearchParams(body.toString()).get('QUERY')).toBe(query);
    expect([...body.keys()]).toEqual(['LANG', 'QUERY', 'MAXREC']);
  });
});
