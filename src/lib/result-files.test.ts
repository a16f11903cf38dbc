import { describe, expect, it } from 'vitest';
import { aJob, aResult } from '../testing/uws-job';
import { extensionForType, mainResult, resultFileName } from './result-files';

describe('resultFileName', () => {
  it('names a VOTable result .vot whatever form its type takes', () => {
    expect(resultFileName('j1', 'result', 'application/x-votable+xml')).toBe('j1-result.vot');
    expect(resultFileName('j1', 'result', 'text/xml;content=x-votable')).toBe('j1-result.vot');
    expect(resultFileName('j1', 'result', 'application/x-votable+xml;serialization=BINARY2')).toBe('j1-result.vot');
  });

  it('names a result declared only as XML .xml, since it promises no VOTable', () => {
    expect(extensionForType('application/xml')).toBe('xml');
    expect(extensionForType('text/xml')).toBe('xml');
  });

  it('names a result of unknown or undeclared type .bin', () => {
    expect(resultFileName('j1', 'extra', null)).toBe('j1-extra.bin');
    expect(extensionForType('application/octet-stream')).toBe('bin');
    expect(extensionForType('image/x-weird')).toBe('bin');
  });

  it('knows the tabular and text types', () => {
    expect(extensionForType('text/csv')).toBe('csv');
    expect(extensionForType('text/tab-separated-values')).toBe('tsv');
    expect(extensionForType('application/fits')).toBe('fits');
    expect(extensionForType('application/json')).toBe('json');
    expect(extensionForType('text/html; charset=utf-8')).toBe('html');
    expect(extensionForType('text/plain')).toBe('txt');
  });

  it('keeps hostile ids from making paths or hidden files', () => {
    expect(resultFileName('../../etc/passwd', '.hidden', 'text/csv')).toBe('etc_passwd-hidden.csv');
  });
});

describe('mainResult', () => {
  it('prefers the result called "result", as TAP names it', () => {
    expect(mainResult(aJob({ results: [aResult('extra'), aResult('result')] }))?.id).toBe('result');
  });

  it('falls back to the first result, and to none', () => {
    expect(mainResult(aJob({ results: [aResult('a'), aResult('b')] }))?.id).toBe('a');
    expect(mainResult(aJob({ results: [] }))).toBeNull();
  });
});
