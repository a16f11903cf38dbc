import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, createJob, deleteJobs, failQuery, freshStart, sleepQuery, uniqueTag, waitForPhase } from '../helpers/demo';

const rows = (page: Page) => page.getByTestId('job-rows').getByRole('row');
const listUrl = (params: Record<string, string>) => `/jobs?${new URLSearchParams({ service: DEMO, ...params }).toString()}`;

test.describe('the job list as a triage table', () => {
  const made: string[] = [];
  test.beforeEach(async ({ page }) => {
    await freshStart(page);
  });
  test.afterAll(async ({ request }) => {
    await deleteJobs(request, made);
  });

  test('search by query text finds jobs another client created', async ({ page, request }) => {
    const tag = uniqueTag('qtext');
    const job = await createJob(request, DEMO, { query: `SELECT TOP 2 * FROM demo.stars WHERE mag < 12 AND '${tag}' = '${tag}'` });
    made.push(job.jobUrl);
    await page.goto(listUrl({}));
    await page.getByLabel('Search id, run id or query').fill(`'${tag}'`);
    await expect(rows(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(rows(page).first()).toContainText(job.jobId);
    await expect(rows(page).first()).toContainText('mag < 12');
  });

  test('sorts by run time', async ({ page, request }) => {
    const tag = uniqueTag('runtime');
    const short = await createJob(request, DEMO, { runId: `${tag}-short`, query: sleepQuery(1), run: true });
    const long = await createJob(request, DEMO, { runId: `${tag}-long`, query: sleepQuery(3), run: true });
    made.push(short.jobUrl, long.jobUrl);
    await waitForPhase(request, short.jobUrl, ['COMPLETED'], { timeoutMs: 60_000 });
    await waitForPhase(request, long.jobUrl, ['COMPLETED'], { timeoutMs: 60_000 });
    await page.goto(listUrl({ runid: tag }));
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Run time', exact: true }).click();
    await expect(page.getByRole('columnheader', { name: /Run time/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows(page).nth(0)).toContainText(short.jobId);
    await page.getByRole('button', { name: 'Run time', exact: true }).click();
    await expect(page.getByRole('columnheader', { name: /Run time/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(rows(page).nth(0)).toContainText(long.jobId);
    await expect(rows(page).nth(0)).toContainText(/[34] s/);
  });

  test('bulk extend keeps a later destruction and says it skipped that job', async ({ page, request }) => {
    const tag = uniqueTag('extend');
    const later = await createJob(request, DEMO, { runId: `${tag}-later` });
    const sooner = await createJob(request, DEMO, { runId: `${tag}-sooner` });
    made.push(later.jobUrl, sooner.jobUrl);
    const far = new Date(Date.now() + 25 * 86_400_000);
    await request.post(`${later.jobUrl}/destruction`, { form: { DESTRUCTION: far.toISOString() } });
    const farHeld = (await (await request.get(`${later.jobUrl}/destruction`)).text()).trim();

    await page.goto(listUrl({ runid: tag }));
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole('checkbox', { name: 'Select all listed jobs' }).check();
    await page.getByRole('button', { name: 'Extend destruction…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Extend destruction time' });
    await dialog.getByRole('radio', { name: /Keep until at least/ }).check();
    const atLeast = `${new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)} 23:59`;
    await dialog.getByLabel('Keep until at least (UTC)').fill(atLeast);
    await expect(dialog.getByRole('table')).toContainText(`${tag}-later`);
    await dialog.getByRole('button', { name: 'Extend 2 jobs' }).click();
    await expect(dialog).toContainText('Finished: 1 succeeded, 0 failed, 1 skipped.');
    await expect(dialog.getByRole('listitem').filter({ hasText: later.jobId })).toContainText('later than asked');

    expect((await (await request.get(`${later.jobUrl}/destruction`)).text()).trim()).toBe(farHeld);
    const soonerHeld = new Date((await (await request.get(`${sooner.jobUrl}/destruction`)).text()).trim());
    expect(soonerHeld.toISOString().slice(0, 16).replace('T', ' ')).toBe(atLeast);
  });

  test('re-runs a failed job as a new job with the same query', async ({ page, request }) => {
    const tag = uniqueTag('rerun');
    const failed = await createJob(request, DEMO, { runId: tag, query: failQuery(`planned ${tag}`), run: true });
    made.push(failed.jobUrl);
    await waitForPhase(request, failed.jobUrl, ['ERROR']);
    await page.goto(listUrl({ runid: tag }));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(`planned ${tag}`);
    await page.getByRole('checkbox', { name: `Select job ${failed.jobId}` }).check();
    await page.getByRole('button', { name: 'Re-run…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-run jobs' });
    await dialog.getByRole('radio', { name: 'Leave them pending' }).check();
    await dialog.getByRole('button', { name: 'Re-run 1 job' }).click();
    await expect(dialog).toContainText('New job created, left pending.');
    const open = dialog.getByRole('link', { name: /^Open / });
    const newId = (await open.textContent())!.replace('Open ', '').trim();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(rows(page)).toHaveCount(2, { timeout: 35_000 });
    const copy = rows(page).filter({ hasText: newId });
    await expect(copy).toContainText('Pending');
    await expect(copy).toContainText(`planned ${tag}`);
    made.push(`${DEMO}/async/${newId}`);
  });

  test('exports the view as CSV and JSON with every column', async ({ page, request }) => {
    const tag = uniqueTag('export');
    const job = await createJob(request, DEMO, { runId: `=${tag}`, query: `SELECT TOP 1 * FROM demo.stars WHERE '${tag}' <> ''` });
    made.push(job.jobUrl);
    await page.goto(listUrl({ runid: tag }));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(`WHERE '${tag}'`);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    const [header, line] = csv.split('\r\n');
    expect(header).toContain('job,phase,query,service,owner,runId,created,started,ended,queueWait,runTime,executionDuration,destruction,error,results');
    expect(line).toContain(job.jobId);
    expect(line).toContain(`'=${tag}`);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const records = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ job: job.jobId, runId: `=${tag}`, phase: 'PENDING', jobUrl: job.jobUrl });
    expect(String(records[0]!.query)).toContain(tag);
  });

  test('shows a job another client creates within one refresh interval, without a click', async ({ page, request }) => {
    const tag = uniqueTag('arrives');
    await page.goto(listUrl({ runid: tag }));
    await expect(rows(page)).toHaveText(['No job matches these filters.']);
    const job = await createJob(request, DEMO, { runId: tag });
    made.push(job.jobUrl);
    // The list is read again at most 30 s after the last read.
    await expect(rows(page)).toHaveCount(1, { timeout: 32_000 });
    await expect(rows(page).first()).toContainText(job.jobId);
    await expect(rows(page).first()).toHaveAttribute('data-mark', 'new');
  });

  test('selects a range from the keyboard with Shift+Arrow and Shift+Space', async ({ page, request }) => {
    const tag = uniqueTag('keys');
    const jobs: { jobId: string; jobUrl: string }[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await createJob(request, DEMO, { runId: `${tag}-${i}` }));
    made.push(...jobs.map((j) => j.jobUrl));
    await page.goto(listUrl({ runid: tag, sort: 'oldest' }));
    await expect(rows(page)).toHaveCount(4);
    const box = (i: number) => page.getByRole('checkbox', { name: `Select job ${jobs[i]!.jobId}` });
    await box(0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(box(2)).toBeFocused();
    for (const i of [0, 1, 2]) await expect(box(i)).toBeChecked();
    await page.keyboard.press('Shift+ArrowUp');
    await expect(box(2)).not.toBeChecked();
    await expect(page.getByText('2 selected')).toBeVisible();
    // Shift+Space on the last row: the range from the anchor to it.
    await box(3).focus();
    await page.keyboard.press('Shift+Space');
    for (const i of [0, 1, 2, 3]) await expect(box(i)).toBeChecked();
  });

  test('the stuck filter shows a job queued longer than the chosen time', async ({ page, request }) => {
    test.setTimeout(150_000);
    const tag = uniqueTag('stuck');
    // The demo runs two jobs at a time: two long ones hold the slots, the third waits.
    const holders = [await createJob(request, DEMO, { runId: `${tag}-a`, query: sleepQuery(120), run: true }), await createJob(request, DEMO, { runId: `${tag}-b`, query: sleepQuery(120), run: true })];
    await Promise.all(holders.map((h) => waitForPhase(request, h.jobUrl, ['EXECUTING'], { timeoutMs: 60_000 })));
    const waiting = await createJob(request, DEMO, { runId: `${tag}-waiting`, query: sleepQuery(1), run: true });
    made.push(...holders.map((h) => h.jobUrl), waiting.jobUrl);
    try {
      await waitForPhase(request, waiting.jobUrl, ['QUEUED']);
      await page.goto(listUrl({ runid: tag }));
      await expect(rows(page)).toHaveCount(3);
      await page.waitForTimeout(62_000);
      await page.getByLabel('Queued longer than this many minutes counts as stuck').fill('1');
      await page.getByRole('checkbox', { name: 'Only stuck' }).check();
      await expect(rows(page)).toHaveCount(1, { timeout: 20_000 });
      await expect(rows(page).first()).toContainText(waiting.jobId);
      await page.getByTestId('job-overview').locator('summary').click();
      await expect(page.getByTestId('job-overview')).toContainText('1 stuck');
    } finally {
      for (const j of [...holders, waiting]) await request.post(`${j.jobUrl}/phase`, { form: { PHASE: 'ABORT' } });
    }
  });
});
