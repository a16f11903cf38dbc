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
export const QUICK_QUERY = 'SELECT TOP 3 * FROM TAP_SCHEMA.tables';

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
