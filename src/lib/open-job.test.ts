import { describe, expect, it } from 'vitest';
import { resolveOpenJob } from './open-job';

describe('opening a job from what the user typed', () => {
  it('a job number opens on the current service', () => {
    expect(resolveOpenJob(' 1234567 ', 'http://archive.eso.org/tap_obs')).toEqual({
      tapUrl: 'http://archive.eso.org/tap_obs',
      jobUrl: 'http://archive.eso.org/tap_obs/async/1234567',
    });
  });

  it('a pasted job URL names its own service, even with a trailing resource', () => {
    expect(resolveOpenJob('http://archive.eso.org/tap_cat/async/abc/results/result', null)).toEqual({
      tapUrl: 'http://archive.eso.org/tap_cat',
      jobUrl: 'http://archive.eso.org/tap_cat/async/abc',
    });
  });

  it('explains what is wrong with an unusable entry', () => {
    expect(() => resolveOpenJob('', 'http://x/tap')).toThrow(/job number/);
    expect(() => resolveOpenJob('http://x/tap/sync', 'http://x/tap')).toThrow(/async/);
    expect(() => resolveOpenJob('12 34', 'http://x/tap')).toThrow(/spaces/);
    expect(() => resolveOpenJob('42', null)).toThrow(/service/);
  });
});
