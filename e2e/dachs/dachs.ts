/**
 * The DaCHS end-to-end project: where the service is, how the browser reaches it
 * (directly with CORS, or through the app's proxy), and plain HTTP helpers that
 * prepare jobs and read them back from the server, independently of the app.
 */
import { randomBytes } from 'node:crypto';
import { E2E_APP_PORT } from '../ports';
import { readJobListXml, readJobXml, type ServerJob } from '../helpers/uws-xml';

/** The TAP base URL printed by dachs-up.sh, e.g. http://127.0.0.1:8080/tap. */
export const DACHS_TAP_URL = process.env.DACHS_TAP_URL?.trim().replace(/\/+$/, '') || undefined;
/** Reach DaCHS through the app's /proxy/ (for a DaCHS started without CORS headers). */
export const VIA_PROXY = process.env.DACHS_VIA_PROXY === '1';
export const APP_ORIGIN = `http://127.0.0.1:${E2E_APP_PORT}`;

export const SKIP_REASON =
  'DACHS_TAP_URL is not set, so the DaCHS journeys are skipped. Start DaCHS with ' +
  '`bash ../shared/peers/dachs-up.sh` and pass its last line, e.g. DACHS_TAP_URL=http://127.0.0.1:8080/tap npm run test:e2e -- --project dachs';

function proxied(url: string): string {
  const u = new URL(url);
  return `${APP_ORIGIN}/proxy/${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}`;
}

/** A server URL as the browser uses it. */
export function inBrowser(url: string): string {
  return VIA_PROXY ? proxied(url) : url;
}

/** A URL the browser used, as the server knows it. */
export function onServer(url: string): string {
  const prefix = `${APP_ORIGIN}/proxy/`;
  if (!url.startsWith(prefix)) return url;
  const match = /^(https?)\/(.*)$/.exec(url.slice(prefix.length));
  if (!match) throw new Error(`not a proxied URL: ${url}`);
  return `${match[1]}://${match[2]}`;
}

/** The service URL typed into the app. */
export function serviceUrl(): string {
  if (!DACHS_TAP_URL) throw new Error(SKIP_REASON);
  return inBrowser(DACHS_TAP_URL);
}

/** A tag unique to this run, put into every query the specs submit (DaCHS keeps no RUNID). */
export function newTag(): string {
  return `uwsdesk-e2e-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function tagged(query: string, tag: string): string {
  return `${query}\n-- ${tag}`;
}

export const SLOW_QUERY = (bound: number) =>
  `SELECT COUNT(*) AS n FROM demo.stars AS a, demo.stars AS b WHERE a.id <= ${bound} AND b.mag < a.mag`;
/** DaCHS test instrumentation: EXECUTING for EXECUTIONDURATION seconds without using the CPU. */
export const HANG_QUERY = 'JUST HANG around';

async function form(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

/** Creates a job with a plain form POST; returns its URL from the 303. */
export async function createJob(fields: Record<string, string>): Promise<string> {
  if (!DACHS_TAP_URL) throw new Error(SKIP_REASON);
  const res = await form(`${DACHS_TAP_URL}/async`, { LANG: 'ADQL', ...fields });
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) throw new Error(`job creation answered ${res.status} without a Location`);
  return new URL(location, DACHS_TAP_URL).href;
}

export async function setParameter(jobUrl: string, name: 'phase' | 'executionduration' | 'destruction', value: string) {
  const res = await form(`${onServer(jobUrl)}/${name}`, { [name.toUpperCase()]: value });
  if (res.status !== 303 && res.status !== 200) throw new Error(`${name}=${value} answered ${res.status}`);
}

/** The job as DaCHS holds it now (with its ADQL text as `query`), or null when DaCHS does not know it. */
export async function readJob(jobUrl: string): Promise<(ServerJob & { query: string | null }) | null> {
  const url = onServer(jobUrl);
  const res = await fetch(url);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const job = readJobXml(await res.text());
  return { ...job, query: job.parameters.QUERY ?? null };
}

export async function deleteJob(jobUrl: string): Promise<void> {
  await form(onServer(jobUrl), { ACTION: 'DELETE' }).catch(() => undefined);
}

export async function waitForPhase(jobUrl: string, phases: string[], timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await readJob(jobUrl);
    const phase = job?.phase ?? 'GONE';
    if (phases.includes(phase)) return phase;
    if (Date.now() > deadline) throw new Error(`${jobUrl} stayed ${phase}, expected ${phases.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Job URLs listed by the service, created after `since` (the list is global). */
export async function listJobUrls(since: Date): Promise<string[]> {
  if (!DACHS_TAP_URL) return [];
  const after = new Date(since.getTime() - 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const list = `${DACHS_TAP_URL}/async`;
  const res = await fetch(`${list}?AFTER=${encodeURIComponent(after)}`);
  return readJobListXml(await res.text(), list);
}

/**
 * Remembers the jobs a spec created and deletes them afterwards; `sweep` also deletes
 * any job created since `since` whose query carries `tag`, for jobs whose URL a failed
 * spec never got to see.
 */
export class Jobs {
  private readonly urls = new Set<string>();
  constructor(
    readonly tag: string,
    readonly since: Date = new Date(),
  ) {}
  add(url: string): string {
    this.urls.add(onServer(url));
    return url;
  }
  async deleteAll(): Promise<void> {
    const urls = [...this.urls];
    this.urls.clear();
    await Promise.all(urls.map(deleteJob));
  }
  async sweep(): Promise<void> {
    await this.deleteAll();
    for (const url of await listJobUrls(this.since)) {
      const job = await readJob(url).catch(() => null);
      if (job?.query?.includes(this.tag)) await deleteJob(url);
    }
  }
}
