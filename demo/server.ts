/** The demo TAP service: HTTP routing, CORS, bearer tokens, fault injection, sync and async queries. */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ROWS } from './catalogue.ts';
import { EnginePool } from './engine/pool.ts';
import {
  HttpError,
  MULTIPART_LIMIT,
  param,
  readParams,
  redirect,
  sendError,
  sendText,
  sendXml,
  type RequestParams,
} from './http-util.ts';
import { isUserError, prepareQuery, resolveUploads } from './query.ts';
import { ACTIVE_PHASES, PHASES, iso, jobListXml, jobXml, parametersXml, resultsXml, JobStore, type Job, type Phase } from './uws.ts';
import { errorVotable } from './votable.ts';
import { availabilityXml, capabilitiesXml, tablesXml } from './vosi.ts';
import { examplesXhtml } from './examples.ts';

export type FaultKind = '500' | '503' | 'slow' | 'drop';

export interface DemoOptions {
  port: number;
  host: string;
  /** Stars in demo.stars. */
  rows: number;
  /** Jobs executing at once; the rest wait in QUEUED. */
  maxRunning: number;
  /** Bearer token to owner; undefined means anonymous access. */
  auth?: ReadonlyMap<string, string>;
  /** Share (0..1) of requests answered with a fault. */
  faults: number;
  /** Picks the fault for a request, or none; replaceable in tests. */
  faultPicker?: () => FaultKind | undefined;
  /** false: no CORS headers; 'loopback': any loopback origin; or a list of origins. */
  cors: false | 'loopback' | string[];
  maxJobs: number;
  maxrecDefault: number;
  maxrecLimit: number;
  executionDurationDefault: number;
  executionDurationMax: number;
  destructionDefaultSeconds: number;
  destructionMaxSeconds: number;
  syncTimeoutSeconds: number;
  /** Longest WAIT honoured, in seconds. */
  waitCapSeconds: number;
  cacheDir: string;
  /** Log one line per request to stderr. */
  log: boolean;
}

export const defaultCacheDir = fileURLToPath(new URL('../.demo-data/', import.meta.url));

export const DEFAULTS: DemoOptions = {
  port: 8421,
  host: '127.0.0.1',
  rows: DEFAULT_ROWS,
  maxRunning: 2,
  faults: 0,
  cors: 'loopback',
  maxJobs: 1000,
  maxrecDefault: 100_000,
  maxrecLimit: 2_000_000,
  executionDurationDefault: 600,
  executionDurationMax: 3600,
  destructionDefaultSeconds: 7 * 24 * 3600,
  destructionMaxSeconds: 30 * 24 * 3600,
  syncTimeoutSeconds: 600,
  waitCapSeconds: 60,
  cacheDir: defaultCacheDir,
  log: false,
};

export interface DemoServer {
  url: string;
  port: number;
  server: Server;
  jobs: JobStore;
  pool: EnginePool;
  startupMs: number;
  close(): Promise<void>;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const EXPOSED = 'Location, Content-Type, Content-Length, Content-Disposition, WWW-Authenticate, Retry-After';
const METHODS = 'GET, POST, DELETE, OPTIONS';

function pickFault(share: number): () => FaultKind | undefined {
  const kinds: FaultKind[] = ['500', '503', 'slow', 'drop'];
  return () => (Math.random() < share ? kinds[Math.floor(Math.random() * kinds.length)] : undefined);
}

const JOB_SUBRESOURCES = ['phase', 'quote', 'executionduration', 'destruction', 'error', 'parameters', 'results', 'owner', 'runid'];

/** Awaits `work`, turning a mistake in the request into a 400 answer. */
async function badRequestOnUserError<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUserError(e)) throw new HttpError(400, e.message);
    throw e;
  }
}

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

export async function startDemoServer(overrides: Partial<DemoOptions> = {}): Promise<DemoServer> {
  const t0 = Date.now();
  const o: DemoOptions = { ...DEFAULTS, ...overrides };
  const resultDir = mkdtempSync(join(tmpdir(), 'uws-desk-demo-'));
  const pool = new EnginePool({ rows: o.rows, cacheDir: o.cacheDir }, o.maxRunning + 1);
  const jobs = new JobStore(pool, { ...o, resultDir });
  const upSince = new Date();
  const faultPicker = o.faultPicker ?? (o.faults > 0 ? pickFault(o.faults) : () => undefined);
  let syncCounter = 0;
  // Documents that do not depend on the request are written once.
  const examplesDoc = examplesXhtml();
  const tableSet = tablesXml(true);
  const tableSetMin = tablesXml(false);

  const originAllowed = (origin: string | undefined): boolean => {
    if (!origin || o.cors === false) return false;
    if (o.cors === 'loopback') return LOOPBACK_ORIGIN.test(origin);
    return o.cors.includes(origin) || o.cors.includes('*');
  };

  const owner = (req: IncomingMessage): string | undefined => {
    if (!o.auth) return undefined;
    const h = req.headers.authorization;
    const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
    if (!m) {
      throw new HttpError(401, 'Authentication required: send Authorization: Bearer <token>', {
        'WWW-Authenticate': 'Bearer realm="uws-desk demo"',
      });
    }
    const who = o.auth.get(m[1]!);
    if (who === undefined) {
      throw new HttpError(401, 'Invalid bearer token', {
        'WWW-Authenticate': 'Bearer realm="uws-desk demo", error="invalid_token"',
      });
    }
    return who;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    res.setHeader('Server', 'uws-desk-demo');
    const host = req.headers.host && /^[A-Za-z0-9.[\]:-]+$/.test(req.headers.host) ? req.headers.host : `${o.host}:${port()}`;
    const url = new URL(req.url ?? '/', `http://${host}`);
    const base = `http://${host}/tap`;
    const origin = req.headers.origin;
    if (originAllowed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    }
    if (o.cors !== false) res.setHeader('Vary', 'Origin');
    const path = url.pathname.replace(/\/+$/, '') || '/';

    if (method === 'OPTIONS') {
      if (originAllowed(origin) && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', METHODS);
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.setHeader('Allow', METHODS);
      res.writeHead(204);
      res.end();
      return;
    }

    if (path !== '/tap/availability') {
      const fault = faultPicker();
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === '500') return sendError(res, 500, 'Internal server error (injected fault)');
      if (fault === '503') return sendError(res, 503, 'Service temporarily unavailable (injected fault)', { 'Retry-After': '1' });
      if (fault === 'slow') await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
    }

    const allow = (...methods: string[]) => {
      if (!methods.includes(method) && !(method === 'HEAD' && methods.includes('GET'))) {
        throw new HttpError(405, `Method ${method} is not allowed on ${path}; use ${methods.join(' or ')}`, {
          Allow: methods.join(', '),
        });
      }
    };

    if (path === '/' || path === '/tap') {
      allow('GET');
      return sendText(
        res,
        200,
        `uws-desk demo TAP service\n\nTAP base URL: ${base}\nEndpoints: ${base}/sync ${base}/async ${base}/availability ${base}/capabilities ${base}/tables\n`,
      );
    }
    if (path === '/tap/availability') {
      allow('GET');
      const ready = pool.readyCount > 0;
      return sendXml(res, availabilityXml(ready, ready ? 'The service is accepting queries' : 'The query engine is starting', upSince));
    }
    if (path === '/tap/capabilities') {
      allow('GET');
      return sendXml(
        res,
        capabilitiesXml(base, { ...o, uploadLimitBytes: MULTIPART_LIMIT, auth: o.auth !== undefined }),
      );
    }
    if (path === '/tap/examples') {
      allow('GET');
      return sendText(res, 200, examplesDoc, 'application/xhtml+xml; charset=utf-8');
    }
    if (path === '/tap/tables' || path.startsWith('/tap/tables/')) {
      allow('GET');
      if (path === '/tap/tables') return sendXml(res, url.searchParams.get('detail') === 'min' ? tableSetMin : tableSet);
      let name: string;
      try {
        name = decodeURIComponent(path.slice('/tap/tables/'.length));
      } catch {
        throw new HttpError(400, 'Malformed table name in the URL');
      }
      const xml = tablesXml(true, name);
      if (!xml) throw new HttpError(404, `No table ${path.slice('/tap/tables/'.length)}`);
      return sendXml(res, xml);
    }
    if (path === '/tap/sync') {
      allow('GET', 'POST');
      owner(req);
      return sync(req, res, await readParams(req, url));
    }
    if (path === '/tap/async') {
      allow('GET', 'POST');
      const who = owner(req);
      const p = await readParams(req, url);
      if (method === 'POST') return createJob(res, p, who, base);
      return listJobs(res, p, who, base);
    }
    const m = /^\/tap\/async\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
    if (m) {
      const who = owner(req);
      const job = jobs.jobs.get(m[1]!);
      if (!job) throw new HttpError(404, `No job ${m[1]}`);
      if (o.auth && job.ownerId !== who) throw new HttpError(403, `Job ${job.id} belongs to another user`);
      const jobUrl = `${base}/async/${job.id}`;
      const sub = m[2]?.toLowerCase();
      if (!sub) return jobResource(req, res, url, job, jobUrl, base);
      if (!JOB_SUBRESOURCES.includes(sub)) throw new HttpError(404, `No resource ${m[2]} in job ${job.id}`);
      if (sub === 'results' && m[3]) {
        allow('GET');
        if (!job.result || job.result.id !== m[3]) throw new HttpError(404, `Job ${job.id} has no result ${m[3]}`);
        return sendFile(req, res, job.result.path, job.result.mime);
      }
      if (m[3]) throw new HttpError(404, `No resource ${path}`);
      return jobSubresource(req, res, url, job, jobUrl, sub);
    }
    throw new HttpError(404, `No resource ${path}; the TAP service is at ${base}`);
  };

  const sendFile = (req: IncomingMessage, res: ServerResponse, path: string, mime: string): void => {
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
  };

  const sync = async (req: IncomingMessage, res: ServerResponse, p: RequestParams): Promise<void> => {
    const params = new Map([...p.params].map(([k, v]) => [k, v[v.length - 1]!]));
    const prepared = await badRequestOnUserError(async () =>
      prepareQuery(params, await resolveUploads(params.get('upload'), p.files), o),
    );
    const outPath = join(resultDir, `sync-${++syncCounter}.result`);
    const run = pool.run({ ...prepared, outPath });
    const gone = () => run.cancel('the client went away');
    res.on('close', gone);
    const timer = setTimeout(() => run.cancel('timeout'), o.syncTimeoutSeconds * 1000);
    try {
      const outcome = await run.result;
      if (!outcome.ok) {
        if (outcome.message === 'the client went away') return;
        if (outcome.message === 'timeout') {
          throw new HttpError(500, `Query ran out of time: synchronous queries may run at most ${o.syncTimeoutSeconds} s; use /async`);
        }
        throw new HttpError(400, `Query failed: ${outcome.message}`);
      }
      res.off('close', gone);
      await new Promise<void>((resolve) => {
        res.writeHead(200, { 'Content-Type': prepared.mime, 'Content-Length': statSync(outPath).size });
        if (req.method === 'HEAD') {
          res.end();
          resolve();
          return;
        }
        const stream = createReadStream(outPath);
        stream.on('error', () => {
          res.destroy();
          resolve();
        });
        res.on('close', () => resolve());
        stream.pipe(res);
      });
    } finally {
      clearTimeout(timer);
      rmSync(outPath, { force: true });
    }
  };

  const createJob = async (res: ServerResponse, p: RequestParams, who: string | undefined, base: string): Promise<void> => {
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
    const uploads = await badRequestOnUserError(() => resolveUploads(parameters.get('upload'), p.files));
    const job = jobs.create({ ownerId: who, runId, parameters, uploads, executionDuration, destruction });
    if (!job) throw new HttpError(503, `Too many active jobs (${o.maxJobs}); delete some and retry`, { 'Retry-After': '10' });
    if (phase !== undefined) jobs.run(job);
    redirect(res, `${base}/async/${job.id}`);
  };

  const listJobs = (res: ServerResponse, p: RequestParams, who: string | undefined, base: string): void => {
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
    let list = [...jobs.jobs.values()].filter((j) => !o.auth || j.ownerId === who);
    list = phases.length ? list.filter((j) => phases.includes(j.phase)) : list.filter((j) => j.phase !== 'ARCHIVED');
    if (after) list = list.filter((j) => j.creationTime.getTime() > after.getTime());
    list.sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime());
    if (last !== undefined) list = list.reverse().slice(0, last);
    sendXml(res, jobListXml(list, `${base}/async`));
  };

  const jobResource = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    job: Job,
    jobUrl: string,
    base: string,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method === 'DELETE') {
      jobs.destroy(job);
      return redirect(res, `${base}/async`);
    }
    if (method === 'POST') {
      const p = await readParams(req, url);
      const action = param(p, 'action');
      if (action !== undefined) {
        if (action.toUpperCase() !== 'DELETE') throw new HttpError(400, `ACTION=${action} is not supported; use ACTION=DELETE`);
        jobs.destroy(job);
        return redirect(res, `${base}/async`);
      }
      await applyJobPost(job, p);
      return redirect(res, jobUrl);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      throw new HttpError(405, `Method ${method} is not allowed on a job; use GET, POST or DELETE`, { Allow: 'GET, POST, DELETE' });
    }
    const p = await readParams(req, url);
    const waitValue = param(p, 'wait');
    if (waitValue !== undefined) {
      if (!/^\s*-?\d+\s*$/.test(waitValue)) throw new HttpError(400, `WAIT=${waitValue} is not an integer number of seconds`);
      const wait = Number(waitValue) < 0 ? o.waitCapSeconds : Math.min(Number(waitValue), o.waitCapSeconds);
      const phaseValue = param(p, 'phase');
      const wanted = phaseValue?.toUpperCase();
      if (wanted !== undefined && !PHASES.includes(wanted as Phase)) throw new HttpError(400, `PHASE=${phaseValue} is not a UWS phase`);
      if (wait > 0 && ACTIVE_PHASES.includes(job.phase) && (wanted === undefined || wanted === job.phase)) {
        const ac = new AbortController();
        const onClose = () => ac.abort();
        res.on('close', onClose);
        await jobs.waitForChange(job, wait * 1000, ac.signal);
        res.off('close', onClose);
        if (ac.signal.aborted) return;
      }
      if (!jobs.jobs.has(job.id)) throw new HttpError(404, `Job ${job.id} was deleted`);
    }
    sendXml(res, jobXml(job, jobUrl));
  };

  /** POST to a job or its parameters: set parameters (PENDING only) and UWS settings. */
  const applyJobPost = async (job: Job, p: RequestParams): Promise<void> => {
    for (const [k, values] of p.params) {
      const v = values[values.length - 1]!;
      if (k === 'phase') changePhase(job, v);
      else if (k === 'executionduration') changeDuration(job, v);
      else if (k === 'destruction') job.destruction = jobs.clampDestruction(parseDate('DESTRUCTION', v));
      else if (k === 'runid') job.runId = v;
      else {
        if (job.phase !== 'PENDING') throw new HttpError(409, `Job ${job.id} is ${job.phase}; parameters can only change while it is PENDING`);
        job.parameters.set(k, k === 'upload' ? values.join(';') : v);
      }
    }
    if (p.files.size) {
      if (job.phase !== 'PENDING') throw new HttpError(409, `Job ${job.id} is ${job.phase}; uploads can only change while it is PENDING`);
      job.uploads = await badRequestOnUserError(() => resolveUploads(job.parameters.get('upload'), p.files));
    }
  };

  const changePhase = (job: Job, value: string): void => {
    const v = value.trim().toUpperCase();
    if (v === 'RUN') {
      if (job.phase === 'PENDING' || job.phase === 'HELD') jobs.run(job);
      else if (!ACTIVE_PHASES.includes(job.phase)) {
        throw new HttpError(409, `Job ${job.id} is ${job.phase} and cannot be run again; create a new job`);
      }
    } else if (v === 'ABORT') jobs.abort(job);
    else throw new HttpError(400, `PHASE=${value} is not allowed; use PHASE=RUN or PHASE=ABORT`);
  };

  const changeDuration = (job: Job, value: string): void => {
    const d = parseDuration(value);
    if (job.phase !== 'PENDING' && job.phase !== 'QUEUED') {
      throw new HttpError(409, `Job ${job.id} is ${job.phase}; the execution duration can only change before it runs`);
    }
    job.executionDuration = jobs.clampDuration(d);
  };

  const jobSubresource = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    job: Job,
    jobUrl: string,
    sub: string,
  ): Promise<void> => {
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
      await applyJobPost(job, p);
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
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    if (o.log) {
      res.on('finish', () => process.stderr.write(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms\n`));
    }
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        if (e.status === 413) res.setHeader('Connection', 'close');
        sendError(res, e.status, e.message, e.headers);
        if (e.status === 413) req.resume();
        return;
      }
      process.stderr.write(`demo: internal error on ${req.method} ${req.url}: ${e instanceof Error ? e.stack : e}\n`);
      sendError(res, 500, `Internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const port = () => (server.address() as AddressInfo | null)?.port ?? o.port;

  await pool.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = port();
  const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${hostInUrl}:${actualPort}/tap`,
    port: actualPort,
    server,
    jobs,
    pool,
    startupMs: Date.now() - t0,
    async close() {
      jobs.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
      rmSync(resultDir, { recursive: true, force: true });
    },
  };
}
