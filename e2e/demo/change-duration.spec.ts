import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('changing the execution duration of a PENDING job is held by the server', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    await page.goto(jobPageUrl(jobUrl));
    const seconds = page.getByLabel('Seconds (0 = unlimited)');
    await seconds.fill('120');
    await page.getByRole('button', { name: 'Set duration' }).click();

    await expect(page.getByText('The server now holds an execution duration of 120 s (2 min).')).toBeVisible();
    await expect(page.getByTestId('execution-duration')).toHaveText('120 s (2 min)');
    expect((await mustReadJob(jobUrl)).executionDuration).toBe(120);
  } finally {
    await deleteJob(jobUrl);
  }
});

test('asking for more than the service allows shows the duration the server kept', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    await page.goto(jobPageUrl(jobUrl));
    await page.getByLabel('Seconds (0 = unlimited)').fill('7200');
    await page.getByRole('button', { name: 'Set duration' }).click();

    // The demo's hard limit is 3600 s, which its capabilities advertise.
    await expect(page.getByLabel('Seconds (0 = unlimited)')).toHaveAccessibleDescription('The service allows at most 3600 s (1 h).');
    await expect(page.locator('[data-outcome="altered"]')).toHaveText('The server kept 3600 s (1 h), the longest it allows, instead of 7200 s (2 h).');
    await expect(page.getByTestId('execution-duration')).toHaveText('3600 s (1 h)');
    expect((await mustReadJob(jobUrl)).executionDuration).toBe(3600);
  } finally {
    await deleteJob(jobUrl);
  }
});

test('the execution duration cannot be changed once the job has run', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1), PHASE: 'RUN' });
  try {
    await page.goto(jobPageUrl(jobUrl));
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', /QUEUED|EXECUTING|COMPLETED/);
    await expect(page.getByText(/can only be changed before the job starts/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Set duration' })).toHaveCount(0);
  } finally {
    await deleteJob(jobUrl);
  }
});
