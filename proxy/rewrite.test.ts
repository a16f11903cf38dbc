import { describe, expect, it } from 'vitest';
import { cookiesForOrigin, createUrlMapper, isRewritableContentType, rewriteUrlsInText } from './rewrite.ts';

const map = createUrlMapper({
  publicOrigin: 'http://app:1',
  allowed: new Set(['http://svc:8080', 'https://other.example']),
  current: 'http://svc:8080',
});

function rewriteInPieces(text: string, size: number): string {
  let carry = '';
  let out = '';
  for (let i = 0; i < text.length; i += size) {
    const { output, rest } = rewriteUrlsInText(carry + text.slice(i, i + size), map, false);
    out += output;
    carry = rest;
  }
  return out + rewriteUrlsInText(carry, map, true).output;
}

describe('body URL rewriting', () => {
  const input =
    '<a href="http://svc:8080/tap/async/1">x</a> HTTP://SVC:8080/y https://other.example:443/z http://svc:80801/no http://svc:8080';
  const expected =
    '<a href="http://app:1/proxy/http/svc:8080/tap/async/1">x</a> http://app:1/proxy/http/svc:8080/y ' +
    'http://app:1/proxy/anon/https/other.example/z http://svc:80801/no http://app:1/proxy/http/svc:8080';

  it('gives the same result however the text is cut into pieces', () => {
    expect(rewriteUrlsInText(input, map, true).output).toBe(expected);
    for (const size of [1, 2, 7, 19, 64]) expect(rewriteInPieces(input, size)).toBe(expected);
  });

  it('holds back no more than a possible URL start', () => {
    const { output, rest } = rewriteUrlsInText(`${'a'.repeat(1000)}http://sv`, map, false);
    expect(output.length + rest.length).toBe(1009);
    expect(rest.length).toBeLessThan(300);
  });
});

describe('content types', () => {
  it.each([
    ['text/xml', true],
    ['application/x-votable+xml;content=datalink', true],
    ['text/html; charset=UTF-8', true],
    ['text/xml; charset=utf-16', false],
    ['text/csv;header=present', false],
    ['application/json', false],
    [undefined, false],
  ])('%s rewritable: %s', (type, rewritable) => {
    expect(isRewritableContentType(type)).toBe(rewritable);
  });
});

describe('cookie filtering', () => {
  it('returns nothing when the browser holds no cookie of that service', () => {
    expect(cookiesForOrigin('a=1; b=2', 'http://svc:8080')).toBeUndefined();
    expect(cookiesForOrigin(undefined, 'http://svc:8080')).toBeUndefined();
  });
});
