/**
 * Talk to the demo TAP service straight over HTTP from a test, to set up jobs
 * and to check what the server holds after the user acted in the app. This
 * reads the UWS XML on its own (not through the app's parser), so the app and
 * the check cannot share a mistake.
 */
import { expect, type Page } from '@playwright/test';
import { jobPath, submitPath } from '../../src/lib/routes';
import { DEMO } from './demo';

export const DEMO_ASYNC = `${DEMO}/async`;

/** A quick query with a known number of rows. */
export const quickQuery = (rows: number) => `SELECT TOP ${rows} id, designation, ra, dec, mag FROM demo.stars ORDER BY id`;

export interface ServerJob {
  jobId: string;
  phase: string;
  runId: string | null;
  executionDuration: number | null;
  destruction: Date | null;
  parameters: Record<string, string>;
  results: { id: string; href: string }[];
  errorMessage: string | null;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function element(xml: string, local: string): string | null {
  const m = new RegExp(`<(?:\\w+:)?${local}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${local}>)`).exec(xml);
  if (!m) return null;
  return m[1] === undefined ? '' : decode(m[1].trim());
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s(?:\\w+:)?${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
}

export function readJobXml(xml: string): ServerJob {
  const parameters: Record<string, string> = {};
  for (const m of xml.matchAll(/<(?:\w+:)?parameter\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?parameter>)/g)) {
    const id = attr(m[1]!, 'id');
    if (id) parameters[id.toUpperCase()] = decode((m[2] ?? '').trim());
  }
  const results: { id: string; href: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?result\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'id');
    const href = attr(m[1]!, 'href');
    if (id && href) results.push({ id, href });
  }
  const duration = element(xml, 'executionDuration');
  const destruction = element(xml, 'destruction');
  const errorSummary = element(xml, 'errorSummary');
  return {
    jobId: element(xml, 'jobId') ?? '',
    phase: element(xml, 'phase') ?? '',
    runId: element(xml, 'runId') || null,
    executionDuration: duration ? Number(duration) : null,
    destruction: destruction ? new Date(destruction) : null,
    parameters,
    results,
    errorMessage: errorSummary === null ? null : element(errorSummary, 'message'),
  };
}

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
  const xml = await response.text();
  const urls: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?jobref\b([^>]*)>/g)) {
    const href = attr(m[1]!, 'href');
    const id = attr(m[1]!, 'id');
    if (href) urls.push(new URL(href, DEMO_ASYNC).toString());
    else if (id) urls.push(`${DEMO_ASYNC}/${id}`);
  }
  return urls;
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
