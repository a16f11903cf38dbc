import { describe, expect, it } from 'vitest';
import { ProtocolError, ServiceReportedError } from '../http/errors';
import { parseJobList } from './parse-job-list';

const fixtures = import.meta.glob<string>('./fixtures/*', { query: '?raw', import: 'default', eager: true });
function fixture(name: string): string {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`No fixture ${name}`);
  return text;
}

describe('parseJobList', () => {
  it("keeps DaCHS' job hrefs, which do not lie under the list URL", () => {
    expect(parseJobList(fixture('dachs-job-list.xml'), 'http://127.0.0.1:8080/tap/async?PHASE=COMPLETED')).toEqual([
      { jobId: 'xym0zrlf', href: 'http://127.0.0.1:8080/__system__/tap/run/async/xym0zrlf', phase: 'COMPLETED', runId: null, ownerId: null, creationTime: null },
      { jobId: 'jy95f5iv', href: 'http://127.0.0.1:8080/__system__/tap/run/async/jy95f5iv', phase: 'EXECUTING', runId: null, ownerId: null, creationTime: null },
    ]);
  });

  it('reads an empty self-closing list', () => {
    expect(parseJobList(fixture('dachs-job-list-empty.xml'), 'http://127.0.0.1:8080/tap/async')).toEqual([]);
  });

  it('reads UWS 1.1 entries with runId, ownerId and creationTime, resolving relative and missing hrefs', () => {
    const refs = parseJobList(fixture('job-list-uws11.xml'), 'https://tap.example.org/tap/async');
    expect(refs).toEqual([
      {
        jobId: 'a1',
        href: 'https://tap.example.org/tap/async/a1',
        phase: 'QUEUED',
        runId: 'nightly',
        ownerId: 'ada',
        creationTime: new Date('2026-11-21T19:40:00.250Z'),
      },
      { jobId: 'b 2', href: 'https://tap.example.org/tap/async/b%202', phase: 'HELD', runId: null, ownerId: null, creationTime: new Date('2026-11-21T19:40:00Z') },
      { jobId: 'c3', href: 'https://other.example.org/uws/jobs/c3', phase: 'ARCHIVED', runId: null, ownerId: null, creationTime: null },
    ]);
  });

  it('reads a UWS 1.0 list', () => {
    const refs = parseJobList(fixture('job-list-uws10.xml'), 'http://uws.example.org/service/jobs');
    expect(refs.map((ref) => [ref.jobId, ref.phase, ref.href])).toEqual([
      ['1001', 'COMPLETED', 'http://uws.example.org/service/jobs/1001'],
      ['1002', 'SUSPENDED', 'http://uws.example.org/service/jobs/1002'],
    ]);
  });

  it('rejects a job document where a list was expected', () => {
    expect(() => parseJobList(fixture('dachs-job-pending.xml'), 'http://127.0.0.1:8080/tap/async')).toThrow(/Expected a UWS job list.*root element <uws:job>/);
  });

  it('rejects an HTML page, an empty body and entity declarations with ProtocolErrors', () => {
    for (const body of [fixture('html-error-page.html'), '', fixture('doctype-entities.xml')]) {
      expect(() => parseJobList(body, 'https://tap.example.org/tap/async')).toThrow(ProtocolError);
    }
  });

  it('raises a VOTable error document as a ServiceReportedError', () => {
    expect(() => parseJobList(fixture('votable-error.xml'), 'https://tap.example.org/tap/async')).toThrow(ServiceReportedError);
  });

  it('reads the same list from the same URL again to the same jobs, in objects of their own', () => {
    const url = 'https://tap.example.org/tap/async?again';
    const first = parseJobList(fixture('job-list-uws11.xml'), url);
    const second = parseJobList(fixture('job-list-uws11.xml'), url);
    expect(second).toEqual(first);
    expect(second[0]).not.toBe(first[0]);
    expect(parseJobList(fixture('job-list-uws11.xml'), 'https://other.example.org/async')[0]!.href).toBe('https://other.example.org/async/a1');
  });
});

