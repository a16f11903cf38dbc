import { describe, expect, it } from 'vitest';
import { draftFromLink, sharedQueryPath } from './submit-form';

describe('shared links to a query', () => {
  it('carry the service, the query and the options that differ from the defaults, and read back the same', () => {
    const path = sharedQueryPath('http://127.0.0.1:8421/tap', { query: "SELECT * FROM demo.stars WHERE designation = 'A&B'", maxrec: '50', lang: 'ADQL', format: '', runId: 'night 3' });
    const search = new URL(path, 'http://app').searchParams;
    expect(search.get('service')).toBe('http://127.0.0.1:8421/tap');
    expect(search.has('lang')).toBe(false);
    expect(draftFromLink(search)).toEqual({ query: "SELECT * FROM demo.stars WHERE designation = 'A&B'", maxrec: '50', runId: 'night 3' });
  });

  it('leave the draft alone when they carry no query', () => {
    expect(draftFromLink(new URLSearchParams('service=x'))).toBeNull();
  });
});
