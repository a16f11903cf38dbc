/**
 * One user intent, one job, on a service that answers every second request
 * with a 503 (`--fail-every-other`): the creating POST's 303 arrives and the
 * read of the new job fails, a RUN is made and its answer lost, a delete is
 * made and its answer lost. The server's own list decides what happened.
 */
import { expect, test, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { jobPath, submitPath } from '../../src/lib/routes';
import { DEMO_FLAKY, flakyJobs, freshStart, getPastFlakes, nextAsyncRequestPasses, uniqueTag } from '../helpers/demo';
import { readJobXml, type ServerJob } from '../helpers/uws-xml';

const ASYNC = `${DEMO_FLAKY}/async`;

test.setTimeout(120_000);

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

/** A query no other test sends, so its jobs can be counted. */
const uniqueQuery = () => `SELECT TOP 2 id, mag FROM demo.stars WHERE id > ${Math.floor(Math.random() * 90_000)} ORDER BY id`;

/** The jobs the flaky service holds with this query (the list and each job read past the 503s). */
async function jobsWithQuery(request: APIRequestContext, query: string): Promise<ServerJob[]> {
  const found: ServerJob[] = [];
  for (const { jobId } of await flakyJobs(request, DEMO_FLAKY)) {
    const { status, text } = await getPastFlakes(request, `${ASYNC}/${jobId}`);
    if (status !== 200) continue;
    const job = readJobXml(text);
    if (job.parameters.QUERY === query) found.push(job);
  }
  return found;
}

/** The job as the flaky service holds it once it is no longer QUEUED or EXECUTING. */
async function waitPastFlakes(request: APIRequestContext, jobUrl: string): Promise<ServerJob> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const { status, text } = await getPastFlakes(request, jobUrl);
    expect(status).toBe(200);
    const job = readJobXml(text);
    if (job.phase !== 'QUEUED' && job.phase !== 'EXECUTING') return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${jobUrl} did not settle`);
}

/** A PENDING job made over plain HTTP; a 503 creates nothing, so it is simply sent again. */
async function createPendingJob(request: APIRequestContext, query: string): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await request.post(ASYNC, { form: { REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query }, maxRedirects: 0 });
    if (res.status() === 303) return new URL(res.headers()['location']!, ASYNC).toString();
    expect(res.status()).toBe(503);
  }
  throw new Error('the flaky service never created the job');
}

async function removeJob(request: APIRequestContext, jobUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await request.post(jobUrl, { form: { ACTION: 'DELETE' }, maxRedirects: 0 });
    if (res.status() !== 503) return;
  }
}

/**
 * Counts the browser's requests that change a job (POSTs and DELETEs to the
 * service's /async), and keeps the answers of /async in the order they came.
 */
function countChanges(page: Page): { posts: string[]; answers: string[] } {
  const seen = { posts: [] as string[], answers: [] as string[] };
  page.on('request', (req) => {
    if (req.url().startsWith(ASYNC) && (req.method() === 'POST' || req.method() === 'DELETE')) {
      seen.posts.push(`${req.method()} ${req.url()} ${req.postData() ?? ''}`);
    }
  });
  page.on('response', (res) => {
    if (res.url().startsWith(ASYNC)) seen.answers.push(`${res.request().method()} ${res.url().replace(/\?.*$/, '')} ${res.status()}`);
  });
  return seen;
}

/** The fault this spec is about happened: a change answered with its redirect, and the read it led to failed. */
function expectAnsweredThenLost(answers: string[], change: string, read: string): void {
  const at = answers.indexOf(change);
  expect(at, `${change} among ${answers.join(', ')}`).toBeGreaterThanOrEqual(0);
  expect(answers[at + 1]).toBe(read);
}

/**
 * Resolves once the job page waits in a long poll (a `WAIT` read held by the
 * service), so that no read of the page's own comes between setting the
 * service's count and the user's click.
 */
function longPollHeld(page: Page): () => Promise<void> {
  const inFlight = new Map<Request, number>();
  page.on('request', (req) => {
    if (/[?&]WAIT=/.test(req.url())) inFlight.set(req, Date.now());
  });
  page.on('requestfinished', (req) => inFlight.delete(req));
  page.on('requestfailed', (req) => inFlight.delete(req));
  return () =>
    expect
      .poll(() => [...inFlight.values()].some((since) => Date.now() - since > 500), { timeout: 30_000 })
      .toBe(true);
}

/**
 * Where a submission leaves the user: on the job's page, or, when a step after
 * the creation failed (the RUN got the 503 twice), told that the job was
 * created, with a link to it, which the user follows. Returns the job URL.
 */
async function endOnJob(page: Page): Promise<string> {
  const open = page.getByRole('alert').getByRole('link', { name: /^Open job / });
  await expect(page.getByTestId('job-phase').or(open)).toBeVisible({ timeout: 30_000 });
  if (await open.isVisible()) {
    await expect(page.getByRole('alert')).toContainText('was created');
    await open.click();
  }
  await expect(page).toHaveURL(/\/job\?/);
  await expect(page.getByTestId('job-phase')).toBeVisible();
  return new URL(page.url()).searchParams.get('url')!;
}

/** Failure words the page must not show when the server did what was asked. */
const FAILURE = /was not created|failed|could not|try again/i;

test('one Submit makes one job although the read of the new job fails', async ({ page, request }) => {
  const query = uniqueQuery();
  const changes = countChanges(page);
  await page.goto(submitPath(DEMO_FLAKY));
  await page.getByLabel('ADQL query').fill(query);
  await page.getByLabel('Run id (RUNID)').fill(uniqueTag('intent'));
  // The creating POST is answered (303), and the browser's read of the new job gets the 503.
  await nextAsyncRequestPasses(request, DEMO_FLAKY);
  await page.getByRole('button', { name: 'Submit and run' }).click();

  const jobUrl = await endOnJob(page);
  const jobs = await jobsWithQuery(request, query);
  try {
    expect(jobs, 'jobs with the submitted query').toHaveLength(1);
    expect(jobUrl).toBe(`${ASYNC}/${jobs[0]!.jobId}`);
    expect(changes.posts.filter((p) => p.startsWith(`POST ${ASYNC} `))).toHaveLength(1);
    expectAnsweredThenLost(changes.answers, `POST ${ASYNC} 303`, `GET ${jobUrl} 503`);
    // The page shows the job as the server holds it, through the failing reads.
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', (await waitPastFlakes(request, jobUrl)).phase, { timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: FAILURE })).toHaveCount(0);
  } finally {
    for (const job of jobs) await removeJob(request, `${ASYNC}/${job.jobId}`);
  }
});

test('a Submit whose POST gets the 503 makes no job, and submitting again as told makes exactly one', async ({ page, request }) => {
  const query = uniqueQuery();
  const changes = countChanges(page);
  await page.goto(submitPath(DEMO_FLAKY));
  await page.getByLabel('ADQL query').fill(query);
  // This time the creating POST itself gets the 503: nothing is created, and the page says so.
  await nextAsyncRequestPasses(request, DEMO_FLAKY);
  await request.get(`${ASYNC}/no-such-job`);
  await page.getByRole('button', { name: 'Submit and run' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The job was not created' })).toBeVisible();
  expect(await jobsWithQuery(request, query)).toHaveLength(0);

  // The user tries again as told; this time the POST is answered and the read after it fails.
  await nextAsyncRequestPasses(request, DEMO_FLAKY);
  await page.getByRole('button', { name: 'Submit and run' }).click();
  const jobUrl = await endOnJob(page);
  const jobs = await jobsWithQuery(request, query);
  try {
    expect(jobs, 'jobs with the submitted query').toHaveLength(1);
    expect(jobUrl).toBe(`${ASYNC}/${jobs[0]!.jobId}`);
    expect(changes.posts.filter((p) => p.startsWith(`POST ${ASYNC} `))).toHaveLength(2);
    expect(changes.answers[0]).toBe(`POST ${ASYNC} 503`);
    expectAnsweredThenLost(changes.answers, `POST ${ASYNC} 303`, `GET ${jobUrl} 503`);
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', (await waitPastFlakes(request, jobUrl)).phase, { timeout: 30_000 });
  } finally {
    for (const job of jobs) await removeJob(request, `${ASYNC}/${job.jobId}`);
  }
});

test('one Run starts the job once and the page does not call it a failure', async ({ page, request }) => {
  const query = uniqueQuery();
  const jobUrl = await createPendingJob(request, query);
  try {
    const idle = longPollHeld(page);
    await page.goto(jobPath(DEMO_FLAKY, jobUrl));
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'PENDING');
    const changes = countChanges(page);
    // The change is answered, and the read of the job its redirect leads to gets the 503.
    await idle();
    await nextAsyncRequestPasses(request, DEMO_FLAKY);
    await page.getByRole('button', { name: 'Run' }).click();

    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'COMPLETED', { timeout: 60_000 });
    expect(changes.posts).toEqual([expect.stringMatching(new RegExp(`^POST ${jobUrl}/phase PHASE=RUN$`))]);
    expectAnsweredThenLost(changes.answers, `POST ${jobUrl}/phase 303`, `GET ${jobUrl} 503`);
    await expect(page.getByRole('status').filter({ hasText: FAILURE })).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: FAILURE })).toHaveCount(0);
    const jobs = await jobsWithQuery(request, query);
    expect(jobs.map((j) => j.phase)).toEqual(['COMPLETED']);
  } finally {
    await removeJob(request, jobUrl);
  }
});

test('one confirmed Delete removes the job and says so, not that it failed', async ({ page, request }) => {
  const query = uniqueQuery();
  const jobUrl = await createPendingJob(request, query);
  try {
    const idle = longPollHeld(page);
    await page.goto(jobPath(DEMO_FLAKY, jobUrl));
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'PENDING');
    const changes = countChanges(page);
    // The change is answered, and the read of the job its redirect leads to gets the 503.
    await idle();
    await nextAsyncRequestPasses(request, DEMO_FLAKY);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete job' }).click();

    await expect(page).toHaveURL(/\/jobs\?/);
    await expect(page.getByRole('status').filter({ hasText: `Job ${jobUrl.split('/').pop()} was deleted.` })).toBeVisible();
    expect(changes.posts).toHaveLength(1);
    expectAnsweredThenLost(changes.answers, changes.answers.find((a) => a.startsWith(`POST ${jobUrl} `) || a.startsWith(`DELETE ${jobUrl} `))!, `GET ${ASYNC} 503`);
    expect(await jobsWithQuery(request, query)).toHaveLength(0);
    expect((await getPastFlakes(request, jobUrl)).status).toBe(404);
    await expect(page.getByRole('alert').filter({ hasText: FAILURE })).toHaveCount(0);
  } finally {
    await removeJob(request, jobUrl);
  }
});
