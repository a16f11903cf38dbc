import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob } from '../../protocol/uws/types';
import { extendNote, extendTarget, rerunInput } from './bulk-plan';
import { neutralise, rowsToCsv, rowsToJson, EXPORT_FIELDS } from './export-rows';
import { mergeRows } from './rows';

const d = (s: string) => new Date(s);

describe('extending destruction in bulk', () => {
  it('adds the days to each job’s own destruction time', () => {
    expect(extendTarget(d('2027-03-01T00:00:00Z'), { kind: 'add', days: 7 })).toEqual(d('2027-03-08T00:00:00Z'));
    expect(extendTarget(d('2026-01-01T00:00:00Z'), { kind: 'add', days: 7 })).toEqual(d('2026-01-08T00:00:00Z'));
  });

  it('“keep until at least” skips a job already kept longer, and says until when', () => {
    const r = extendTarget(d('2027-03-01T00:00:00Z'), { kind: 'atLeast', date: d('2026-12-31T23:59:59Z') });
    expect(r).toEqual({ skip: expect.stringContaining('2027-03-01 00:00:00 UTC') });
    expect(extendTarget(d('2026-06-01T00:00:00Z'), { kind: 'atLeast', date: d('2026-12-31T23:59:59Z') })).toEqual(d('2026-12-31T23:59:59Z'));
  });

  it('says so when the service capped the date or moved it earlier', () => {
    expect(extendNote(d('2026-06-01T00:00:00Z'), d('2026-12-31T00:00:00Z'), d('2026-07-01T00:00:00Z'))).toMatch(/allows no later date/);
    expect(extendNote(d('2026-06-01T00:00:00Z'), d('2026-12-31T00:00:00Z'), d('2026-05-01T00:00:00Z'))).toMatch(/earlier/);
  });
});

const job = (extra: Partial<UwsJob>): UwsJob => ({
  jobId: 'j',
  runId: 'nightly',
  ownerId: null,
  phase: 'ERROR',
  quote: null,
  creationTime: null,
  startTime: null,
  endTime: null,
  executionDuration: 60,
  destruction: null,
  parameters: [
    { id: 'query', value: 'SELECT 1', byReference: false, isPost: false },
    { id: 'lang', value: 'ADQL', byReference: false, isPost: false },
    { id: 'maxrec', value: '100', byReference: false, isPost: false },
    { id: 'responseformat', value: 'votable/b2', byReference: false, isPost: false },
  ],
  results: [],
  errorSummary: null,
  jobInfo: [],
  version: '1.1',
  url: 'http://h/tap/async/j',
  ...extra,
});

describe('re-running a job', () => {
  it('repeats a failed job’s query, language, MAXREC, format and run id', () => {
    expect(rerunInput(job({}), true)).toEqual({ query: 'SELECT 1', lang: 'ADQL', maxrec: 100, format: 'votable/b2', runId: 'nightly', run: true });
  });

  it('leaves completed jobs and jobs with uploads alone, saying why', () => {
    expect(rerunInput(job({ phase: 'COMPLETED' }), false)).toEqual({ skip: expect.stringMatching(/completed/) });
    const withUpload = job({ parameters: [...job({}).parameters, { id: 'UPLOAD', value: 't,param:t', byReference: false, isPost: false }] });
    expect(rerunInput(withUpload, false)).toEqual({ skip: expect.stringMatching(/uploaded table/) });
  });

  it('re-runs a job whose service lists an empty UPLOAD parameter, as DaCHS does', () => {
    const listed = job({ parameters: [...job({}).parameters, { id: 'upload', value: '', byReference: false, isPost: false }] });
    expect(rerunInput(listed, false)).toMatchObject({ query: 'SELECT 1', run: false });
  });
});

describe('exporting the view', () => {
  const service: ServiceConfig = { id: 's', label: 'S', tapUrl: 'http://h/tap', credential: { kind: 'none' }, preset: false };
  const rows = mergeRows([
    {
      service,
      refs: [{ jobId: 'a', href: 'http://h/tap/async/a', phase: 'COMPLETED', runId: '=HYPERLINK("http://evil")', ownerId: '@bob', creationTime: d('2026-01-01T00:00:00Z') }],
      local: [],
    },
  ]);

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('SELECT 1')).toBe('SELECT 1');
    const csv = rowsToCsv(rows, Date.parse('2026-01-02T00:00:00Z'));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'@bob");
    expect(csv.split('\r\n')[0]).toBe(EXPORT_FIELDS.join(','));
  });

  it('writes every column to JSON, times in UTC', () => {
    const [rec] = JSON.parse(rowsToJson(rows, Date.parse('2026-01-02T00:00:00Z'))) as Record<string, unknown>[];
    expect(Object.keys(rec!).sort()).toEqual([...EXPORT_FIELDS].sort());
    expect(rec!.created).toBe('2026-01-01T00:00:00.000Z');
    expect(rec!.runId).toBe('=HYPERLINK("http://evil")');
  });
});
