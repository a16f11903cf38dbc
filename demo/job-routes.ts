/** The UWS endpoints: the job list, job creation, and each job with its sub-resources. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceContext } from './context.ts';
import { HttpError, param, readParams, redirect, sendText, sendXml, type RequestParams } from './http-util.ts';
import { badRequestOnUserError, resolveUploads } from './query.ts';
import { ACTIVE_PHASES, PHASES, type Job, type Phase } from './uws.ts';
import { iso, jobListXml, jobXml, parametersXml, resultsXml } from './uws-xml.ts';
import { errorVotable } from './votable.ts';

const JOB_SUBRESOURCES = ['phase', 'quote', 'executionduration', 'destruction', 'error', 'parameters', 'results', 'owner', 'runid'];

function parseDuration(v: string): number {
  if (!/^\s*\d+\s*$/.test(v)) throw new HttpError(400, `EXECUTIONDURATION=${v} is not a non-negative integer number of seconds`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new HttpError(400, `EXECUTIONDURATION=${v} is too large`);
  return n;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
function parseDate(name: string, v: string): Date {
  const s = v.trim();
  const d = new Date(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  if (!ISO_DATE.test(s) || Number.isNaN(d.getTime())) throw new HttpError(400, `${name}=${v} is not an ISO 8601 date`);
  return d;
}

export async function createJob(ctx: ServiceContext, res: ServerResponse, p: RequestParams, who: string | undefined, base: string): Promise<void> {
  const parameters = new Map<string, string>();
  let runId: string | undefined;
  let executionDuration: number | undefined;
  let destruction: Date | undefined;
  let phase: string | undefined;
  for (const [k, values] of p.params) {
    const v = values[values.length - 1]!;
    if (k === 'phase') phase = v;
    else if (k === 'runid') runId = v;
    else if (k === 'executionduration') executionDuration = parseDuration(v);
    else if (k === 'destruction') destruction = parseDate('DESTRUCTION', v);
    else if (k === 'upload') parameters.set(k, values.join(';'));
    else parameters.set(k, v);
  }
  if (phase !== undefined && phase.toUpperCase() !== 'RUN') {
    throw new HttpError(400, `PHASE=${phase} is not allowed when creating a job; use PHASE=RUN or leave it out`);
  }
  const uploads = await badRequestOnUserError(() => resolveUploads(parameters.get('upload'), p.files, { allowPrivate: ctx.o.allowPrivateUploads }));
  const job = ctx.jobs.create({ ownerId: who, runId, parameters, uploads, executionDuration, destruction });
  if (phase !== undefined) ctx.jobs.run(job);
  redirect(res, `${base}/async/${job.id}`);
}

export function listJobs(ctx: ServiceContext, res: ServerResponse, p: RequestParams, who: string | undefined, base: string): void {
  const phases = (p.params.get('phase') ?? []).map((v) => {
    const ph = v.toUpperCase() as Phase;
    if (!PHASES.includes(ph)) throw new HttpError(400, `PHASE=${v} is not a UWS phase`);
    return ph;
  });
  const afterValue = param(p, 'after');
  const after = afterValue !== undefined ? parseDate('AFTER', afterValue) : undefined;
  const lastValue = param(p, 'last');
  let last: number | undefined;
  if (lastValue !== undefined) {
    if (!/^\s*\d+\s*$/.test(lastValue) || Number(lastValue) < 1) throw new HttpError(400, `LAST=${lastValue} is not a positive integer`);
    last = Number(lastValue);
  }
  let list = [...ctx.jobs.jobs.values()].filter((j) => !ctx.o.auth || j.ownerId === who);
  list = phases.length ? list.filter((j) => phases.includes(j.phase)) : list.filter((j) => j.phase !== 'ARCHIVED');
  if (after) list = list.filter((j) => j.creationTime.getTime() > after.getTime());
  list.sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime());
  if (last !== undefined) list = list.reverse().slice(0, last);
  sendXml(res, jobListXml(list, `${base}/async`));
}

async function jobResource(
  ctx: ServiceContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  job: Job,
  jobUrl: string,
  base: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'DELETE') {
    ctx.jobs.destroy(job);
    return redirect(res, `${base}/async`);
  }
  if (method === 'POST') {
    const p = await readParams(req, url);
    const action = param(p, 'action');
    if (action !== undefined) {
      if (action.toUpperCase() !== 'DELETE') throw new HttpError(400, `ACTION=${action} is not supported; use ACTION=DELETE`);
      ctx.jobs.destroy(job);
      return redirect(res, `${base}/async`);
    }
    await applyJobPost(ctx, job, p);
    return redirect(res, jobUrl);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    throw new HttpError(405, `Method ${method} is not allowed on a job; use GET, POST or DELETE`, { Allow: 'GET, POST, DELETE' });
  }
  const p = await readParams(req, url);
  const waitValue = param(p, 'wait');
  if (waitValue !== undefined) {
    if (!/^\s*-?\d+\s*$/.test(waitValue)) throw new HttpError(400, `WAIT=${waitValue} is not an integer number of seconds`);
    const wait = Number(waitValue) < 0 ? ctx.o.waitCapSeconds : Math.min(Number(waitValue), ctx.o.waitCapSeconds);
    const phaseValue = param(p, 'phase');
    const wanted = phaseValue?.toUpperCase();
    if (wanted !== undefined && !PHASES.includes(wanted as Phase)) throw new HttpError(400, `PHASE=${phaseValue} is not a UWS phase`);
    if (wait > 0 && ACTIVE_PHASES.includes(job.phase) && (wanted === undefined || wanted === job.phase)) {
      const ac = new AbortController();
      const onClose = () => ac.abort();
      res.on('close', onClose);
      await ctx.jobs.waitForChange(job, wait * 1000, ac.signal);
      res.off('close', onClose);
      if (ac.signal.aborted) return;
    }
    if (!ctx.jobs.jobs.has(job.id)) throw new HttpError(404, `Job ${job.id} was deleted`);
  }
  sendXml(res, jobXml(job, jobUrl));
}

const UWS_KEYS = ['phase', 'executionduration', 'destruction', 'runid'];

/** POST to a job or its parameters: set parameters (PENDING only), then the UWS settings. */
async function applyJobPost(ctx: ServiceContext, job: Job, p: RequestParams): Promise<void> {
  const changes = [...p.params].filter(([k]) => !UWS_KEYS.includes(k));
  if (changes.length || p.files.size) {
    if (job.phase !== 'PENDING') throw new HttpError(409, `Job ${job.id} is ${job.phase}; parameters can only change while it is PENDING`);
    const parameters = new Map(job.parameters);
    for (const [k, values] of changes) parameters.set(k, k === 'upload' ? values.join(';') : values[values.length - 1]!);
    const uploads = p.files.size
      ? await badRequestOnUserError(() => resolveUploads(parameters.get('upload'), p.files, { allowPrivate: ctx.o.allowPrivateUploads }))
      : job.uploads;
    ctx.jobs.replaceParameters(job, parameters, uploads);
  }
  for (const [k, values] of p.params) {
    const v = values[values.length - 1]!;
    if (k === 'phase') changePhase(ctx, job, v);
    else if (k === 'executionduration') changeDuration(ctx, job, v);
    else if (k === 'destruction') job.destruction = ctx.jobs.clampDestruction(parseDate('DESTRUCTION', v));
    else if (k === 'runid') job.runId = v;
  }
}

function changePhase(ctx: ServiceContext, job: Job, value: string): void {
  const v = value.trim().toUpperCase();
  if (v === 'RUN') {
    if (job.phase === 'PENDING' || job.phase === 'HELD') ctx.jobs.run(job);
    else if (!ACTIVE_PHASES.includes(job.phase)) {
      throw new HttpError(409, `Job ${job.id} is ${job.phase} and cannot be run again; create a new job`);
    }
  } else if (v === 'ABORT') ctx.jobs.abort(job);
  else throw new HttpError(400, `PHASE=${value} is not allowed; use PHASE=RUN or PHASE=ABORT`);
}

function changeDuration(ctx: ServiceContext, job: Job, value: string): void {
  const d = parseDuration(value);
  if (job.phase !== 'PENDING' && job.phase !== 'QUEUED') {
    throw new HttpError(409, `Job ${job.id} is ${job.phase}; the execution duration can only change before it runs`);
  }
  job.executionDuration = ctx.jobs.clampDuration(d);
}

async function jobSubresource(
  ctx: ServiceContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  job: Job,
  jobUrl: string,
  sub: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const postable = ['phase', 'executionduration', 'destruction', 'parameters'];
  if (method === 'POST' && postable.includes(sub)) {
    const p = await readParams(req, url);
    const key = sub === 'parameters' ? undefined : sub;
    if (key && !p.params.has(key)) throw new HttpError(400, `Missing parameter ${key.toUpperCase()}`);
    if (key) {
      for (const k of [...p.params.keys()]) if (k !== key) p.params.delete(k);
      p.files.clear();
    }
    await applyJobPost(ctx, job, p);
    return redirect(res, jobUrl);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const allowed = postable.includes(sub) ? 'GET, POST' : 'GET';
    throw new HttpError(405, `Method ${method} is not allowed on ${sub}; use ${allowed}`, { Allow: allowed });
  }
  switch (sub) {
    case 'phase':
      return sendText(res, 200, job.phase);
    case 'quote':
      return sendText(res, 200, job.quote ? iso(job.quote) : '');
    case 'executionduration':
      return sendText(res, 200, String(job.executionDuration));
    case 'destruction':
      return sendText(res, 200, iso(job.destruction));
    case 'owner':
      return sendText(res, 200, job.ownerId ?? '');
    case 'runid':
      return sendText(res, 200, job.runId ?? '');
    case 'parameters':
      return sendXml(res, parametersXml(job));
    case 'results':
      return sendXml(res, resultsXml(job, jobUrl));
    case 'error':
      if (!job.error) throw new HttpError(404, `Job ${job.id} has no error (it is ${job.phase})`);
      return sendText(res, 200, errorVotable(job.error.message), 'application/x-votable+xml');
  }
}

/** Serves a file from disk (a job's result). */
function sendFile(req: IncomingMessage, res: ServerResponse, path: string, mime: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new HttpError(404, 'The result file is gone');
  }
  res.writeHead(200, { 'Content-Type': mime, 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).pipe(res);
}

/**
 * `/tap/async/<id>[/<sub>[/<result>]]`, matched by `m`: the caller's own job
 * (403 for another owner's) and its sub-resources.
 */
export async function jobRoute(
  ctx: ServiceContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  m: RegExpExecArray,
  who: string | undefined,
  base: string,
): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const job = ctx.jobs.jobs.get(m[1]!);
  if (!job) throw new HttpError(404, `No job ${m[1]}`);
  if (ctx.o.auth && job.ownerId !== who) throw new HttpError(403, `Job ${job.id} belongs to another user`);
  const jobUrl = `${base}/async/${job.id}`;
  const sub = m[2]?.toLowerCase();
  if (!sub) return jobResource(ctx, req, res, url, job, jobUrl, base);
  if (!JOB_SUBRESOURCES.includes(sub)) throw new HttpError(404, `No resource ${m[2]} in job ${job.id}`);
  if (sub === 'results' && m[3]) {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      throw new HttpError(405, `Method ${method} is not allowed on ${path}; use GET`, { Allow: 'GET' });
    }
    if (!job.result || job.result.id !== m[3]) throw new HttpError(404, `Job ${job.id} has no result ${m[3]}`);
    return sendFile(req, res, job.result.path, job.result.mime);
  }
  if (m[3]) throw new HttpError(404, `No resource ${path}`);
  return jobSubresource(ctx, req, res, url, job, jobUrl, sub);
}
