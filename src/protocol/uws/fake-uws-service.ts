/**
 * A UWS service in memory that behaves like DaCHS, for tests: POSTs answered
 * with 303 See Other and an HTML page, job URLs outside the list URL, errors
 * inside a job sent as VOTable documents with HTTP 200, EXECUTIONDURATION,
 * DESTRUCTION and PHASE=RUN ignored at creation, WAIT honoured on request.
 */
import { fakeFetch, type FakeReply, type RecordedRequest } from '../http/fake-fetch';
import type { ExecutionPhase } from './types';

export const ORIGIN = 'http://127.0.0.1:8080';
export const LIST = `${ORIGIN}/tap/async`;
export const JOBS = `${ORIGIN}/__system__/tap/run/async`;

export interface FakeJob {
  id: string;
  phase: ExecutionPhase;
  executionDuration: number;
  destruction: string;
  parameters: Record<string, string>;
}

export const votableError = (message: string) =>
  `<?xml-stylesheet href='/static/xsl/dalierror-to-html.xsl' type='text/xsl'?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">${message}</INFO></RESOURCE></VOTABLE>`;

const redirectPage = '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>See other</title></head><body></body></html>';

export function jobXml(job: FakeJob, version: string | null = '1.1'): string {
  const params = Object.entries(job.parameters)
    .map(([id, value]) => `<uws:parameter id="${id.toLowerCase()}">${value}</uws:parameter>`)
    .join('');
  return (
    `<?xml-stylesheet href='/static/xsl/tap-job-to-html.xsl' type='text/xsl'?><uws:job${version ? ` version="${version}"` : ''} xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<uws:jobId>${job.id}</uws:jobId><uws:ownerId xsi:nil="true"></uws:ownerId><uws:phase>${job.phase}</uws:phase>` +
    `<uws:executionDuration>${job.executionDuration}</uws:executionDuration><uws:destruction>${job.destruction}</uws:destruction>` +
    `<uws:parameters>${params}</uws:parameters><uws:results/></uws:job>`
  );
}

export interface FakeDachsOptions {
  /** Block on WAIT as UWS 1.1 says (true) or answer at once (false). */
  honoursWait?: boolean;
  /** The version attribute written on job documents (null: none, as in UWS 1.0). */
  version?: string | null;
  maxDuration?: number;
  /** Answers that take precedence over the usual behaviour. */
  route?: (request: RecordedRequest) => FakeReply | undefined;
}

/** A service that behaves like DaCHS: 303 after POSTs, job URLs outside the list, VOTable errors with 200. */
export function fakeDachs(options: FakeDachsOptions = {}) {
  const jobs = new Map<string, FakeJob>();
  let counter = 0;
  const jobReply = (job: FakeJob): FakeReply => ({ body: jobXml(job, options.version === undefined ? '1.1' : options.version), headers: { 'content-type': 'text/xml' } });
  const toJob = (id: string): FakeReply => ({ status: 303, headers: { location: `${JOBS}/${id}`, 'content-type': 'text/plain' }, body: redirectPage });

  const service = fakeFetch(async (request, signal) => {
    const url = new URL(request.url);
    const form = request.form;
    const custom = options.route?.(request);
    if (custom) return custom;
    if (url.pathname === '/tap/async' || url.pathname === '/__system__/tap/run/async') {
      if (request.method === 'POST') {
        const id = `job${++counter}`;
        const parameters: Record<string, string> = {};
        form?.forEach((value, key) => {
          if (typeof value === 'string') parameters[key] = value;
        });
        jobs.set(id, { id, phase: 'PENDING', executionDuration: 3600, destruction: '2026-11-23T19:40:46Z', parameters });
        return toJob(id);
      }
      const phases = url.searchParams.getAll('PHASE');
      const refs = [...jobs.values()]
        .filter((job) => phases.length === 0 || phases.includes(job.phase))
        .map((job) => `<uws:jobref id="${job.id}" xlink:href="${JOBS}/${job.id}"><uws:phase>${job.phase}</uws:phase></uws:jobref>`)
        .join('');
      return { body: `<uws:jobs version="1.1" xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink">${refs}</uws:jobs>` };
    }
    const match = /^\/__system__\/tap\/run\/async\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    const job = match ? jobs.get(match[1] ?? '') : undefined;
    if (!match || !job) return { status: 404, body: votableError('UWS job could not be located in jobs table'), headers: { 'content-type': 'text/xml' } };
    const resource = match[2];
    if (request.method === 'POST') {
      const field = (name: string) => (form?.get(name) ?? null) as string | null;
      if (resource === undefined) {
        if (field('ACTION') !== 'DELETE') return { body: votableError('Invalid UWS action') };
        jobs.delete(job.id);
        return { status: 303, headers: { location: JOBS }, body: redirectPage };
      }
      if (resource === 'phase') {
        const phase = field('PHASE');
        if (phase === 'RUN') job.phase = job.phase === 'PENDING' ? 'EXECUTING' : job.phase;
        else if (phase === 'ABORT') job.phase = 'ABORTED';
        else return { body: votableError(`Field phase: Bad phase: ${phase}`), headers: { 'content-type': 'text/xml' } };
        return toJob(job.id);
      }
      if (resource === 'executionduration') {
        job.executionDuration = Math.min(Number(field('EXECUTIONDURATION')), options.maxDuration ?? Infinity);
        return toJob(job.id);
      }
      if (resource === 'destruction') {
        job.destruction = field('DESTRUCTION') ?? job.destruction;
        return toJob(job.id);
      }
    }
    if (resource === 'error') return { body: '' };
    const wait = url.searchParams.get('WAIT');
    const expectedPhase = url.searchParams.get('PHASE');
    if (wait !== null && options.honoursWait !== false && (expectedPhase === null || expectedPhase === job.phase)) {
      const waitMs = Number(wait) * 1000;
      const start = Date.now();
      await new Promise<void>((resolve) => {
        const tick = () => {
          if (job.phase !== (expectedPhase ?? job.phase) || Date.now() - start >= waitMs || signal?.aborted) resolve();
          else setTimeout(tick, 1000);
        };
        tick();
      });
    }
    return jobReply(job);
  });
  return { ...service, jobs };
}
