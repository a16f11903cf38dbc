import { describe, expect, it } from 'vitest';
import { ProtocolError, ServiceReportedError } from '../http/errors';
import { parseJob } from './parse-job';

const fixtures = import.meta.glob<string>('./fixtures/*', { query: '?raw', import: 'default', eager: true });
function fixture(name: string): string {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`No fixture ${name}`);
  return text;
}
const DACHS_JOB = 'http://127.0.0.1:8080/__system__/tap/run/async/k3v9q2xa';
const JOB = 'https://tap.example.org/tap/async/job-1';

function rejection(xml: string, url = JOB): unknown {
  try {
    parseJob(xml, url);
  } catch (error) {
    return error;
  }
  throw new Error('parseJob accepted the document');
}

describe('parseJob on what DaCHS sends', () => {
  it('reads a pending job with xsi:nil times, a nil owner and empty parameters', () => {
    const job = parseJob(fixture('dachs-job-pending.xml'), DACHS_JOB);
    expect(job).toMatchObject({
      jobId: 'k3v9q2xa',
      runId: null,
      ownerId: null,
      phase: 'PENDING',
      startTime: null,
      endTime: null,
      executionDuration: 3600,
      errorSummary: null,
      results: [],
      jobInfo: [],
      version: '1.1',
      url: DACHS_JOB,
    });
    expect(job.creationTime).toEqual(new Date('2026-11-21T19:40:12Z'));
    expect(job.destruction).toEqual(new Date('2026-11-23T19:40:12Z'));
    expect(job.parameters.find((p) => p.id === 'format')).toEqual({ id: 'format', value: '', byReference: false, isPost: false });
  });

  it('decodes the predefined entities in parameter values', () => {
    const job = parseJob(fixture('dachs-job-pending.xml'), DACHS_JOB);
    expect(job.parameters.find((p) => p.id === 'query')?.value).toBe("SELECT TOP 5 * FROM demo.stars WHERE mag < 12 AND name <> 'x & y'");
  });

  it('reads a completed job with its result href and a by-reference upload parameter', () => {
    const job = parseJob(fixture('dachs-job-completed.xml'), DACHS_JOB);
    expect(job.phase).toBe('COMPLETED');
    expect(job.startTime).toEqual(new Date('2026-11-21T19:40:59Z'));
    expect(job.results).toEqual([
      { id: 'result', href: `${DACHS_JOB}/results/result`, type: null, mimeType: null, size: null },
    ]);
    expect(job.parameters.find((p) => p.id === 'upload')).toMatchObject({ byReference: true, value: `${DACHS_JOB}/results/mine` });
  });
});

describe('parseJob tolerates what real services send', () => {
  it('reads UWS 1.0 (no version attribute) with an XML declaration, a comment, CDATA and jobInfo', () => {
    const job = parseJob(fixture('uws10-job-error.xml'), JOB);
    expect(job.version).toBe('1.0');
    expect(job.runId).toBe('survey-2026 \u2013 night 3');
    expect(job.ownerId).toBe('CN=Ada Lovelace,O=Example Observatory');
    expect(job.executionDuration).toBe(0);
    expect(job.endTime).toEqual(new Date('2026-11-21T19:58:42.500Z'));
    expect(job.creationTime).toBeNull();
    expect(job.parameters.find((p) => p.id === 'QUERY')?.value).toBe('SELECT * FROM ivoa.obscore WHERE t_min < 60000');
    expect(job.errorSummary).toEqual({ type: 'transient', hasDetail: true, message: 'Database connection lost; please resubmit' });
    expect(job.jobInfo).toHaveLength(2);
    expect(job.jobInfo[1]).toContain('rack="7"');
    expect(job.jobInfo[1]).toContain('worker-12');
  });

  it('keeps jobInfo children readable on their own, with the namespace they inherited', () => {
    const job = parseJob(fixture('job-jobinfo-inherited-namespace.xml'), JOB);
    expect(job.jobInfo).toEqual(['<cadc:progress xmlns:cadc="http://www.example.org/ns/cadc-jobinfo" percent="40">rows 4000 of 10000</cadc:progress>']);
  });

  it('reads a document in the default namespace without prefixes', () => {
    const job = parseJob(fixture('job-default-namespace.xml'), JOB);
    expect(job).toMatchObject({ jobId: 'dn-7', phase: 'EXECUTING', executionDuration: 600, version: '1.1' });
    expect(job.results).toEqual([
      {
        id: 'partial',
        href: 'https://tap.example.org/tap/async/dn-7/results/partial',
        type: 'simple',
        mimeType: 'application/x-votable+xml',
        size: 2048,
      },
    ]);
  });

  it('reads a document with an unusual namespace prefix and prefixed attributes', () => {
    const job = parseJob(fixture('job-custom-prefix.xml'), JOB);
    expect(job).toMatchObject({ jobId: 'cp-1', phase: 'QUEUED', ownerId: null, version: '1.1' });
    expect(job.results[0]?.href).toBe('https://tap.example.org/jobs/cp-1/r');
  });

  it('reads empty and nil elements as null', () => {
    const job = parseJob(fixture('job-empty-elements.xml'), JOB);
    expect(job).toMatchObject({
      runId: null,
      ownerId: null,
      quote: null,
      startTime: null,
      endTime: null,
      executionDuration: null,
      destruction: null,
      parameters: [],
      results: [],
      errorSummary: null,
      jobInfo: [],
    });
  });

  it('reads a job that has only jobId and phase', () => {
    const job = parseJob(fixture('job-minimal.xml'), JOB);
    expect(job).toMatchObject({ jobId: 'min-1', phase: 'COMPLETED', executionDuration: null, quote: null, parameters: [], version: '1.0' });
  });

  it('takes the error summary text when there is no message element', () => {
    const job = parseJob(fixture('job-error-summary-text.xml'), JOB);
    expect(job.errorSummary).toEqual({ type: 'fatal', hasDetail: false, message: 'Query timed out after 60 s' });
  });

  it('resolves relative result hrefs against the document URL', () => {
    const job = parseJob(fixture('job-relative-hrefs.xml'), 'https://tap.example.org/tap/async/rel-1');
    expect(job.results.map((r) => r.href)).toEqual([
      'https://tap.example.org/tap/async/rel-1/results/result',
      'https://tap.example.org/files/logs/rel-1.txt',
      'https://tap.example.org/tap/previews/rel-1.png',
      'https://mirror.example.net/rel-1.vot',
      'https://tap.example.org/tap/async/rel-1/results/nohref',
    ]);
  });

  it('reads timestamps without a zone as UTC, with fractional seconds, and with offsets', () => {
    const job = parseJob(fixture('job-timestamps.xml'), JOB);
    expect(job.quote?.toISOString()).toBe('2026-11-21T20:00:00.000Z');
    expect(job.creationTime?.toISOString()).toBe('2026-11-21T19:40:00.123Z');
    expect(job.startTime?.toISOString()).toBe('2026-11-21T19:40:05.000Z');
    expect(job.endTime?.toISOString()).toBe('2026-11-21T19:41:07.500Z');
    expect(job.destruction?.toISOString()).toBe('2026-11-28T19:40:00.000Z');
    expect(job.executionDuration).toBe(3600);
  });

  it('keeps parameter ids as written, in any case, and a lowercase phase', () => {
    const job = parseJob(fixture('job-parameter-case.xml'), JOB);
    expect(job.phase).toBe('PENDING');
    expect(job.parameters.map((p) => p.id)).toEqual(['QUERY', 'Lang', 'maxrec', 'UPLOAD']);
    expect(job.parameters[3]).toMatchObject({ byReference: true, isPost: true });
  });

  it('decodes numeric character references and leaves undeclared entities unexpanded', () => {
    const job = parseJob(fixture('undeclared-entity.xml'), JOB);
    expect(job.runId).toBe('caf&eacute; & \u00e9clair \u263a');
  });

  it('accepts markup-like text inside CDATA, which declares nothing', () => {
    const xml = '<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><jobId>cd</jobId><phase>PENDING</phase><parameters><parameter id="query"><![CDATA[SELECT \'<!DOCTYPE x>\' AS s FROM t]]></parameter></parameters></job>';
    expect(parseJob(xml, JOB).parameters[0]?.value).toBe("SELECT '<!DOCTYPE x>' AS s FROM t");
  });

  it('maps a phase it does not know to UNKNOWN', () => {
    const xml = '<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><jobId>p</jobId><phase>WAITING_FOR_TAPE</phase></job>';
    expect(parseJob(xml, JOB).phase).toBe('UNKNOWN');
  });

  it('takes the jobId from the URL when the document has none', () => {
    const xml = '<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><phase>PENDING</phase></job>';
    expect(parseJob(xml, 'https://tap.example.org/tap/async/from-url').jobId).toBe('from-url');
  });

  it('skips a byte order mark', () => {
    expect(parseJob(`\uFEFF${fixture('job-minimal.xml')}`, JOB).jobId).toBe('min-1');
  });
});

describe('parseJob rejects what is not a UWS job', () => {
  it('rejects an HTML error page with a ProtocolError that names it and quotes it', () => {
    const error = rejection(fixture('html-error-page.html'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(/HTML page titled "502 Bad Gateway"/);
    expect((error as ProtocolError).message).toContain('<!DOCTYPE html>');
    expect((error as ProtocolError).received).toBe(fixture('html-error-page.html').slice(0, 200));
  });

  it("rejects DaCHS' XHTML redirect page as an HTML page", () => {
    expect(rejection(fixture('dachs-redirect-page.html'))).toMatchObject({ name: 'ProtocolError', message: expect.stringMatching(/HTML page titled "See other"/) });
  });

  it('rejects an empty body', () => {
    for (const body of [fixture('empty-body.txt'), '  \r\n']) {
      const error = rejection(body);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(/empty body/);
    }
  });

  it('raises the text of a VOTable error document as a ServiceReportedError', () => {
    const error = rejection(fixture('votable-error.xml'));
    expect(error).toBeInstanceOf(ServiceReportedError);
    expect((error as ServiceReportedError).serviceMessage).toBe('Field phase: Bad phase: run');
  });

  it('raises a prefixed VOTable error with attributes in any order and entities decoded', () => {
    const error = rejection(fixture('votable-error-prefixed.xml'));
    expect(error).toBeInstanceOf(ServiceReportedError);
    expect((error as ServiceReportedError).serviceMessage).toBe("Job 'x' cannot change its destruction <while EXECUTING>");
  });

  it('rejects XML that is not UWS, naming its root element', () => {
    const error = rejection(fixture('not-uws.xml'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/not UWS \(root element <vosi:availability> in namespace http:\/\/www\.ivoa\.net\/xml\/VOSIAvailability\/v1\.0\)/);
  });

  it('rejects a job element in a foreign namespace', () => {
    expect((rejection(fixture('job-foreign-namespace.xml')) as Error).message).toMatch(/not UWS.*build-jobs/);
  });

  it('rejects a job list where a job was expected', () => {
    expect((rejection(fixture('dachs-job-list.xml')) as Error).message).toMatch(/root element <uws:jobs>/);
  });

  it('refuses a DOCTYPE with entity declarations without expanding them', () => {
    const error = rejection(fixture('doctype-entities.xml'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/DOCTYPE or entity declarations/);
    expect((error as Error).message).not.toContain('lollol');
  });

  it('refuses a DOCTYPE that points to an external DTD', () => {
    expect((rejection(fixture('doctype-external.xml')) as Error).message).toMatch(/DOCTYPE/);
  });

  it('rejects plain text and JSON as not XML, quoting them', () => {
    expect((rejection('Service temporarily unavailable') as Error).message).toMatch(/not XML.*Service temporarily unavailable/);
    expect((rejection('{"phase":"PENDING"}') as Error).message).toMatch(/not XML/);
  });

  it('rejects XML that is not well-formed', () => {
    const error = rejection('<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:jobId>x</uws:job>');
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/not well-formed/);
  });

  it('rejects a job document without a phase', () => {
    const xml = '<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><jobId>np</jobId></job>';
    expect((rejection(xml) as Error).message).toMatch(/no phase/);
  });

  it('keeps at most 200 characters of what was received', () => {
    const error = rejection(`<html><head><title>x</title></head><body>${'y'.repeat(1000)}</body></html>`) as ProtocolError;
    expect(error.received).toHaveLength(200);
  });
});
