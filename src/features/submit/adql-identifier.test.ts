import { describe, expect, it } from 'vitest';
import { suggestUploadName, uploadNameProblem } from './adql-identifier';
import { formatChoices, preferredFormat } from './output-formats';

describe('upload table names', () => {
  it('accepts ADQL identifiers and explains what is wrong with others', () => {
    expect(uploadNameProblem('my_stars2')).toBeNull();
    expect(uploadNameProblem('2mass')).toMatch(/letter first/);
    expect(uploadNameProblem('my-stars')).toMatch(/letter first/);
    expect(uploadNameProblem('select')).toMatch(/reserved word/);
    expect(uploadNameProblem('')).toMatch(/name/);
  });

  it('suggests a valid name from the file name', () => {
    expect(suggestUploadName('My stars (2).csv')).toBe('my_stars_2');
    expect(suggestUploadName('2MASS-sample.vot')).toBe('t_2mass_sample');
    expect(suggestUploadName('table.xml')).toBe('table_upload');
    for (const n of ['a.b.c.csv', '___.csv', 'order.vot']) expect(uploadNameProblem(suggestUploadName(n))).toBeNull();
  });
});

describe('output formats', () => {
  const caps = {
    outputFormats: [
      { mime: 'application/x-votable+xml', aliases: ['votable'] },
      { mime: 'text/csv', aliases: ['csv'] },
      { mime: 'application/x-votable+xml;serialization=binary2', aliases: ['votable/b2'] },
    ],
    languages: [],
    maxRec: { default: null, hard: null },
    executionDuration: { default: null, hard: null },
    retentionPeriod: { default: null, hard: null },
    uploadMethods: [],
    uploadLimit: null,
  };

  it('prefers BINARY2 VOTable where the service offers it', () => {
    expect(preferredFormat(caps)).toBe('application/x-votable+xml;serialization=binary2');
    expect(formatChoices(caps)[0]!.label).toMatch(/^VOTable BINARY2/);
    expect(preferredFormat({ ...caps, outputFormats: caps.outputFormats.slice(0, 2) })).toBe('');
  });
});
