/**
 * Talk to the demo TAP service straight over HTTP from a test, to set up jobs
 * and to check what the server holds after the user acted in the app.
 */
import { expect, type Page } from '@playwright/test';
import { jobPath, submitPath } from '../../src/lib/routes';
import { DEMO } from './demo';
import { readJobListXml, readJobXml, type ServerJob } from './uws-xml';

export const DEMO_ASYNC = `${DEMO}/async`;

/** A quick query with a known number of rows. */
export const quickQuery = (rows: number) => `SELECT TOP ${rows} id, designation, ra, dec, mag FROM demo.stars ORDER BY id`;

/** Create a job on the demo service; returns its URL. */
export async function createJob(params: Record<string, string | number>): Promise<string> {
  const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL' });
  for (const [k, v] of Object.entries(params)) body.set(k, String(v));
  const response = await fetch(DEMO_ASYNC, { method: 'POST', body, redirect: 'manual' });
  expect(response.status, `creating a job: ${await response.clone().text()}`).toBe(303);
  const location = response.headers.get('location');
  expect(location).toBeTruthy();
  return new URL(location!, DEMO_ASYNC).toString();
}

/** The job as the server holds it now, or null when it does not know it. */
export async function readJob(jobUrl: string): Promise<ServerJob | null> {
  const response = await fetch(jobUrl);
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return readJobXml(await response.text());
}

export async function mustReadJob(jobUrl: string): Promise<ServerJob> {
  const job = await readJob(jobUrl);
  expect(job, `the server should know ${jobUrl}`).not.toBeNull();
  return job!;
}

/** Wait until the server holds the job in one of `phases`. */
export async function waitForServerPhase(jobUrl: string, phases: string[], timeoutMs = 90_000): Promise<ServerJob> {
  let last: ServerJob | null = null;
  await expect
    .poll(
      async () => {
        last = await readJob(jobUrl);
        return last?.phase;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toMatch(new RegExp(`^(${phases.join('|')})$`));
  return last!;
}

/** Job URLs in the service's list (the demo lists every anonymous job). */
export async function listJobUrls(): Promise<string[]> {
  const response = await fetch(DEMO_ASYNC);
  expect(response.status).toBe(200);
  return readJobListXml(await response.text(), DEMO_ASYNC);
}

/** Remove a job the test made (abort first, so the demo stops working on it). */
export async function deleteJob(jobUrl: string): Promise<void> {
  await fetch(`${jobUrl}/phase`, { method: 'POST', body: new URLSearchParams({ PHASE: 'ABORT' }) }).catch(() => undefined);
  await fetch(jobUrl, { method: 'POST', body: new URLSearchParams({ ACTION: 'DELETE' }), redirect: 'manual' }).catch(() => undefined);
}

/** The app's deep link to a job on the demo service. */
export function jobPageUrl(jobUrl: string): string {
  return jobPath(DEMO, jobUrl);
}

export function submitPageUrl(): string {
  return submitPath(DEMO);
}

/** The job URL of the job page the app shows now. */
export function jobUrlOnPage(page: Page): string {
  const url = new URL(page.url()).searchParams.get('url');
  expect(url, `expected a job page, got ${page.url()}`).toBeTruthy();
  return url!;
}

/** The phase the job page shows. */
export function phaseOnPage(page: Page) {
  return page.getByTestId('job-phase');
}
