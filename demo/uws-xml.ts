/** The UWS 1.1 documents: a job, its parameters and results, and the job list. */
import type { Job } from './uws.ts';
import { xmlEscape } from './votable.ts';

export const UWS_NS = 'http://www.ivoa.net/xml/UWS/v1.0';
const NS = `xmlns:uws="${UWS_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`;

export const iso = (d: Date): string => d.toISOString();
const el = (name: string, value: string | undefined) =>
  value === undefined ? `  <uws:${name} xsi:nil="true"/>\n` : `  <uws:${name}>${xmlEscape(value)}</uws:${name}>\n`;

export function parametersXml(job: Job, inner = false): string {
  const items = [...job.parameters].map(([k, v]) => `    <uws:parameter id="${xmlEscape(k)}">${xmlEscape(v)}</uws:parameter>\n`);
  const body = `<uws:parameters${inner ? '' : ` ${NS}`}>\n${items.join('')}${inner ? '  ' : ''}</uws:parameters>\n`;
  return inner ? `  ${body}` : `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

export function resultsXml(job: Job, jobUrl: string, inner = false): string {
  const items = job.result
    ? `    <uws:result id="${job.result.id}" xlink:href="${xmlEscape(`${jobUrl}/results/${job.result.id}`)}" mime-type="${xmlEscape(job.result.mime)}" size="${job.result.bytes}"/>\n`
    : '';
  const body = `<uws:results${inner ? '' : ` ${NS}`}>\n${items}${inner ? '  ' : ''}</uws:results>\n`;
  return inner ? `  ${body}` : `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

export function jobXml(job: Job, jobUrl: string): string {
  let x = `<?xml version="1.0" encoding="UTF-8"?>\n<uws:job ${NS} version="1.1">\n`;
  x += el('jobId', job.id);
  if (job.runId !== undefined) x += el('runId', job.runId);
  x += el('ownerId', job.ownerId);
  x += el('phase', job.phase);
  x += el('quote', job.quote && iso(job.quote));
  x += el('creationTime', iso(job.creationTime));
  x += el('startTime', job.startTime && iso(job.startTime));
  x += el('endTime', job.endTime && iso(job.endTime));
  x += el('executionDuration', String(job.executionDuration));
  x += el('destruction', iso(job.destruction));
  x += parametersXml(job, true);
  x += resultsXml(job, jobUrl, true);
  if (job.error) {
    x += `  <uws:errorSummary type="${job.error.type}" hasDetail="true">\n    <uws:message>${xmlEscape(job.error.message)}</uws:message>\n  </uws:errorSummary>\n`;
  }
  x += `  <uws:jobInfo>\n    <uws:rowCount>${job.result?.rows ?? ''}</uws:rowCount>\n  </uws:jobInfo>\n`;
  return `${x}</uws:job>\n`;
}

export function jobListXml(jobs: Job[], listUrl: string): string {
  let x = `<?xml version="1.0" encoding="UTF-8"?>\n<uws:jobs ${NS} version="1.1">\n`;
  for (const j of jobs) {
    x += `  <uws:jobref id="${j.id}" xlink:href="${xmlEscape(`${listUrl}/${j.id}`)}">\n`;
    x += `  ${el('phase', j.phase)}`;
    if (j.runId !== undefined) x += `  ${el('runId', j.runId)}`;
    if (j.ownerId !== undefined) x += `  ${el('ownerId', j.ownerId)}`;
    x += `  ${el('creationTime', iso(j.creationTime))}`;
    x += '  </uws:jobref>\n';
  }
  return `${x}</uws:jobs>\n`;
}
