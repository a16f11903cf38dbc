import { expect, test } from '@playwright/test';
import { DEMO, createJob, deleteJobs, freshStart, uniqueTag } from '../helpers/demo';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('a job list link with filters restores the same view after a reload', async ({ page, request }) => {
  const tag = uniqueTag('deep-list');
  const job = await createJob(request, DEMO, { runId: tag });
  const url = `/jobs?service=${encodeURIComponent(DEMO)}&phase=PENDING&q=${tag}`;
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Jobs on uws-desk demo' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Pending', exact: true })).toBeChecked();
  await expect(page.getByTestId('job-rows').getByRole('row')).toHaveCount(1);
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('checkbox', { name: 'Pending', exact: true })).toBeChecked();
  await expect(page.getByLabel('Search id, run id or query')).toHaveValue(tag);
  await expect(page.getByTestId('job-rows').getByRole('row')).toHaveCount(1);
  await deleteJobs(request, [job.jobUrl]);
});

test('a job opened from the list has a URL that reopens it after a reload', async ({ page, request }) => {
  const tag = uniqueTag('deep-job');
  const job = await createJob(request, DEMO, { runId: tag });
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  await page.getByRole('link', { name: job.jobId }).click();
  await expect(page).toHaveURL(/\/job\?service=.*&url=/);
  const jobUrl = new URL(page.url()).searchParams.get('url');
  expect(jobUrl).toBe(job.jobUrl);
  await expect(page.getByText(job.jobId).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText(job.jobId).first()).toBeVisible();
  await expect(page.getByText(tag).first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/jobs\?/);
  await deleteJobs(request, [job.jobUrl]);
});

test('a job opened by its number lands on a shareable job URL', async ({ page, request }) => {
  const job = await createJob(request, DEMO, { runId: uniqueTag('deep-open') });
  await page.goto('/');
  await page.getByRole('search', { name: 'Open a job' }).first().getByRole('textbox').fill(job.jobId);
  await page.getByRole('search', { name: 'Open a job' }).first().getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`url=${encodeURIComponent(job.jobUrl).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(page.getByText(job.jobId).first()).toBeVisible();
  await deleteJobs(request, [job.jobUrl]);
});

test('choosing a service or all services is reflected in the URL and restored on reload', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'All services' });
  await expect(page).toHaveURL(/\/jobs\?service=all/);
  await expect(page.getByRole('heading', { name: 'Jobs on all services' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Jobs on all services' })).toBeVisible();
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('all');

  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'uws-desk demo' });
  await expect(page).toHaveURL(new RegExp(`service=${encodeURIComponent(DEMO).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(page.getByRole('heading', { name: 'Jobs on uws-desk demo' })).toBeVisible();
});

test('an unknown address says so and leads back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the services' }).click();
  await expect(page.getByTestId('availability')).toContainText('Available');
});
