import type { APIRequestContext, Page } from '@playwright/test';
import {
  E2E_DEMO_AUTH_PORT,
  E2E_DEMO_FAULTS_PORT,
  E2E_DEMO_NOCORS_PORT,
  E2E_DEMO_PORT,
  demoTapUrl,
} from '../ports';

export const DEMO = demoTapUrl(E2E_DEMO_PORT);
export const DEMO_AUTH = demoTapUrl(E2E_DEMO_AUTH_PORT);
export const DEMO_FAULTS = demoTapUrl(E2E_DEMO_FAULTS_PORT);
export const DEMO_NOCORS = demoTapUrl(E2E_DEMO_NOCORS_PORT);

export interface CreatedJob {
  jobId: string;
  jobUrl: string;
}

/** A quick ADQL query on the demo catalogue. */
export const QUICK_QUERY = 'SELECT TOP 3 * FROM demo.stars';
/** A query that runs for the given number of seconds on the demo service. */
export const sleepQuery = (seconds: number) => `SELECT TOP 1 demo_sleep(${seconds}) AS s FROM demo.stars`;
/** A query that parses, then fails at run time with the given message. */
export const failQuery = (message: string) => `SELECT TOP 1 demo_fail('${message.replace(/'/g, "''")}') AS f FROM demo.stars`;

/** Create a job on a demo service over plain HTTP, as another client would. */
export async function createJob(
  request: APIRequestContext,
  tapUrl: string,
  options: { query?: string; runId?: string; run?: boolean; token?: string } = {},
): Promise<CreatedJob> {
  const form: Record<string, string> = {
    REQUEST: 'doQuery',
    LANG: 'ADQL',
    QUERY: options.query ?? QUICK_QUERY,
  };
  if (options.runId) form.RUNID = options.runId;
  if (options.run) form.PHASE = 'RUN';
  const res = await request.post(`${tapUrl}/async`, {
    form,
    maxRedirects: 0,
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
  });
  if (res.status() !== 303 && res.status() !== 302 && res.status() !== 200 && res.status() !== 201) {
    throw new Error(`creating a job failed: HTTP ${res.status()} ${await res.text()}`);
  }
  const location = res.headers()['location'];
  const jobUrl = location ? new URL(location, `${tapUrl}/async`).toString() : res.url();
  const jobId = jobUrl.replace(/\/+$/, '').split('/').pop()!;
  return { jobId, jobUrl };
}

/** The job ids the demo service lists now. */
export async function listedJobIds(request: APIRequestContext, tapUrl: string, token?: string): Promise<string[]> {
  const res = await request.get(`${tapUrl}/async`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const xml = await res.text();
  return [...xml.matchAll(/<uws:jobref[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
}

/** The phase of a job as the demo service holds it, or null when it does not know the job. */
export async function jobPhase(request: APIRequestContext, jobUrl: string, token?: string): Promise<string | null> {
  const res = await request.get(`${jobUrl}/phase`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.status() === 404) return null;
  return (await res.text()).trim();
}

/** Start from a fresh browser profile state (no stored services, jobs or theme). */
export async function freshStart(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
}

/** Wait until the service holds the job in one of the given phases. */
export async function waitForPhase(
  request: APIRequestContext,
  jobUrl: string,
  phases: string[],
  options: { token?: string; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let phase: string | null = null;
  while (Date.now() < deadline) {
    phase = await jobPhase(request, jobUrl, options.token);
    if (phase && phases.includes(phase)) return phase;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobUrl} stayed ${phase}, expected ${phases.join(' or ')}`);
}

/** A tag unique to one test run, to find its jobs among others. */
export function uniqueTag(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Delete jobs on a demo service (clean-up; ignores jobs already gone). */
export async function deleteJobs(request: APIRequestContext, jobUrls: string[], token?: string): Promise<void> {
  for (const url of jobUrls) {
    await request.post(url, { form: { ACTION: 'DELETE' }, maxRedirects: 0, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  }
}

/** Set the app's theme as a returning user would have it. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => localStorage.setItem('uws-desk:theme:v1', JSON.stringify(t)), theme);
}
