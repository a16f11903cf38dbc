import { expect, test, type Page } from '@playwright/test';
import { DEMO, QUICK_QUERY, createJob, deleteJobs, failQuery, freshStart, uniqueTag, waitForPhase } from '../helpers/demo';

const rows = (page: Page) => page.getByTestId('job-rows').getByRole('row');

test.describe('job list filters', () => {
  const tag = uniqueTag('filters');
  type Job = { jobId: string; jobUrl: string };
  const jobs = {} as { done: Job; failed: Job; pending: Job };
  let between: Date;

  test.beforeAll(async ({ request }) => {
    jobs.done = await createJob(request, DEMO, { runId: `${tag}-done`, query: QUICK_QUERY, run: true });
    jobs.failed = await createJob(request, DEMO, { runId: `${tag}-failed`, query: failQuery('planned failure'), run: true });
    await new Promise((r) => setTimeout(r, 1100));
    between = new Date();
    await new Promise((r) => setTimeout(r, 1100));
    jobs.pending = await createJob(request, DEMO, { runId: `${tag}-pending` });
    await waitForPhase(request, jobs.done.jobUrl, ['COMPLETED']);
    await waitForPhase(request, jobs.failed.jobUrl, ['ERROR']);
  });

  test.afterAll(async ({ request }) => {
    await deleteJobs(request, Object.values(jobs).map((j) => j.jobUrl));
  });

  test.beforeEach(async ({ page }) => {
    await freshStart(page);
  });

  test('search finds jobs by run id and the URL keeps it', async ({ page }) => {
    await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}`);
    await page.getByLabel('Search id, run id or query').fill(tag);
    await expect(rows(page)).toHaveCount(3);
    await expect(page).toHaveURL(/q=filters-/);
    await page.getByLabel('Search id, run id or query').fill(`${tag}-failed`);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(jobs.failed.jobId);
    await expect(rows(page).first()).toContainText('Error');
  });

  test('phase filters narrow the list, show in the URL and survive a reload', async ({ page }) => {
    await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
    await expect(rows(page)).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Error', exact: true }).check();
    await expect(page).toHaveURL(/phase=ERROR/);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(jobs.failed.jobId);

    await page.getByRole('checkbox', { name: 'Completed', exact: true }).check();
    await expect(page).toHaveURL(/phase=COMPLETED&phase=ERROR/);
    await expect(rows(page)).toHaveCount(2);

    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Error', exact: true })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Completed', exact: true })).toBeChecked();
    await expect(page.getByLabel('Search id, run id or query')).toHaveValue(tag);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByTestId('job-rows')).not.toContainText(jobs.pending.jobId);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).not.toHaveURL(/phase=/);
  });

  test('AFTER keeps only jobs created later, from the input or a link', async ({ page }) => {
    await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}&after=${encodeURIComponent(between.toISOString())}`);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText(jobs.pending.jobId);
    // The field shows UTC as YYYY-MM-DD HH:MM (seconds only when there are some), whatever the browser's locale.
    await expect(page.getByLabel('Created after (UTC)')).toHaveValue(between.toISOString().slice(0, 19).replace('T', ' ').replace(/:00$/, ''));

    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
    await page.getByLabel('Created after (UTC)').fill(future);
    await expect(page).toHaveURL(new RegExp(`after=${encodeURIComponent(future.slice(0, 10))}`));
    await expect(page.getByText('No job matches these filters.')).toBeVisible();
  });

  test('LAST limits the list to the most recent jobs and survives a reload', async ({ page }) => {
    await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}`);
    await expect(rows(page).first()).toBeVisible();
    await page.getByLabel('Only the last').fill('2');
    await page.getByLabel('Only the last').press('Enter');
    await expect(page).toHaveURL(/last=2/);
    await expect(page.getByTestId('job-count')).toHaveText(/^[0-2] jobs?$/);
    await page.reload();
    await expect(page.getByLabel('Only the last')).toHaveValue('2');
    await expect(page.getByTestId('job-count')).toHaveText(/^[0-2] jobs?$/);
  });

  test('the list is sorted by creation time, newest first, and the order can be reversed', async ({ page }) => {
    await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).first()).toContainText(jobs.pending.jobId);
    await page.getByRole('button', { name: /Created/ }).click();
    await expect(page).toHaveURL(/sort=oldest/);
    await expect(rows(page).first()).toContainText(jobs.done.jobId);
  });
});
