import { describe, expect, it } from 'vitest';
import { safeHttpUrl, unsafeUrlNote } from './safe-url';

describe('which service URLs may become links', () => {
  it('accepts absolute http and https URLs as they are', () => {
    expect(safeHttpUrl('http://example.org/tap/async/1/results/result')).toBe('http://example.org/tap/async/1/results/result');
    expect(safeHttpUrl('HTTPS://Example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
  });

  it('refuses every other scheme, relative paths and text around a URL', () => {
    for (const text of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      'blob:http://example.org/1',
      '/tap/async/1',
      '//example.org/x',
      ' http://example.org/',
      'http://example.org/ and more',
      'http://',
    ]) {
      expect(safeHttpUrl(text), text).toBeNull();
    }
  });

  it('says why a URL is shown as text, naming its scheme', () => {
    expect(unsafeUrlNote('javascript:alert(1)')).toMatch(/javascript:/);
    expect(unsafeUrlNote('/relative/path')).toMatch(/absolute http\(s\)/);
  });
});
