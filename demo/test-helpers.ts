/** Helpers for the demo service's tests: HTTP calls against an in-process server. */
import { XMLParser } from 'fast-xml-parser';
import type { DemoServer } from './server.ts';

export const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['TR', 'TD', 'FIELD', 'INFO', 'jobref', 'parameter', 'result'].includes(name),
});

export interface Call {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

export function client(demo: () => DemoServer) {
  const call = async (path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}): Promise<Call> => {
    const url = path.startsWith('http') ? path : `${demo().url}${path}`;
    const { form, ...rest } = init;
    let body = rest.body;
    const headers = new Headers(rest.headers);
    if (form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p;
    }
    const res = await fetch(url, { redirect: 'manual', ...rest, headers, body, method: rest.method ?? (body ? 'POST' : 'GET') });
    return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
  };
  /** Creates a job and returns its URL. */
  const createJob = async (params: Record<string, string>, headers?: Record<string, string>): Promise<string> => {
    const r = await call('/async', { form: { LANG: 'ADQL', ...params }, headers });
    if (r.status !== 303 || !r.location) throw new Error(`job creation answered ${r.status}: ${r.text}`);
    return r.location;
  };
  const phase = async (jobUrl: string, headers?: Record<string, string>): Promise<string> =>
    (await call(`${jobUrl}/phase`, { headers })).text;
  /** Waits until the job is in a final phase (using WAIT) and returns the parsed job document. */
  const settle = async (jobUrl: string, headers?: Record<string, string>) => {
    for (let i = 0; i < 60; i++) {
      const r = await call(`${jobUrl}?WAIT=10`, { headers });
      const job = xml.parse(r.text).job;
      if (!['PENDING', 'QUEUED', 'EXECUTING'].includes(job.phase)) return job;
    }
    throw new Error(`job ${jobUrl} never finished`);
  };
  /** Waits until the job reaches the phase. */
  const until = async (jobUrl: string, wanted: string, headers?: Record<string, string>) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const p = await phase(jobUrl, headers);
      if (p === wanted) return;
      if (Date.now() > deadline) throw new Error(`job ${jobUrl} stayed ${p}, wanted ${wanted}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const sync = (params: Record<string, string>, headers?: Record<string, string>) =>
    call('/sync', { form: { LANG: 'ADQL', ...params }, headers });
  return { call, createJob, phase, settle, until, sync };
}

/** The rows of the first table of a TABLEDATA VOTable, as strings ('' for an empty cell). */
export function tableRows(votable: string): string[][] {
  const doc = xml.parse(votable);
  const table = doc.VOTABLE.RESOURCE.TABLE;
  const trs = table.DATA?.TABLEDATA?.TR ?? [];
  return trs.map((tr: { TD: unknown[] }) => tr.TD.map((td) => (typeof td === 'string' ? td : '')));
}

export function fields(votable: string): Record<string, string>[] {
  return xml.parse(votable).VOTABLE.RESOURCE.TABLE.FIELD;
}

export function infos(votable: string): { name: string; value: string; text?: string }[] {
  const res = xml.parse(votable).VOTABLE.RESOURCE;
  return (res.INFO ?? []).map((i: Record<string, string>) => ({ name: i['@name'], value: i['@value'], text: i['#text'] }));
}
