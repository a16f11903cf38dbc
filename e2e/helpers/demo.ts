import type { APIRequestContext, Page } from '@playwright/test';
import {
  E2E_DEMO_AUTH_PORT,
  E2E_DEMO_FAULTS_PORT,
  E2E_DEMO_FLAKY_PORT,
  E2E_DEMO_NOCORS_PORT,
  E2E_DEMO_PORT,
  demoTapUrl,
} from '../ports';

export const DEMO = demoTapUrl(E2E_DEMO_PORT);
export const DEMO_AUTH = demoTapUrl(E2E_DEMO_AUTH_PORT);
export const DEMO_FAULTS = demoTapUrl(E2E_DEMO_FAULTS_PORT);
export const DEMO_NOCORS = demoTapUrl(E2E_DEMO_NOCORS_PORT);
/** Answers every second /async request (and every second of the others) with a 503. */
export const DEMO_FLAKY = demoTapUrl(E2E_DEMO_FLAKY_PORT);

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

/**
 * A GET on a --fail-every-other demo service, repeated until it is answered
 * with something other than its 503 (at most a few times).
 */
export async function getPastFlakes(request: APIRequestContext, url: string): Promise<{ status: number; text: string }> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const res = await request.get(url, { maxRedirects: 0 });
    if (res.status() !== 503) return { status: res.status(), text: await res.text() };
  }
  throw new Error(`${url} answered 503 six times in a row`);
}

/** Jobs on a --fail-every-other demo service, with their run ids, read until the list is answered. */
export async function flakyJobs(request: APIRequestContext, tapUrl: string): Promise<{ jobId: string; runId: string | null }[]> {
  const { status, text } = await getPastFlakes(request, `${tapUrl}/async`);
  if (status !== 200) throw new Error(`the job list answered ${status}`);
  return [...text.matchAll(/<uws:jobref\b[^>]*\sid="([^"]+)"[^>]*>([\s\S]*?)<\/uws:jobref>/g)].map((m) => {
    const runId = /<uws:runId>([^<]*)<\/uws:runId>/.exec(m[2]!)?.[1] ?? null;
    return { jobId: m[1]!, runId };
  });
}

/**
 * Sets the phase of a --fail-every-other service's /async count so that the
 * next /async request passes and the one after it fails: asks for a job that
 * does not exist until that is answered 503.
 */
export async function nextAsyncRequestPasses(request: APIRequestContext, tapUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await request.get(`${tapUrl}/async/no-such-job`)).status() === 503) return;
  }
  throw new Error(`${tapUrl} did not fail every other /async request`);
}
