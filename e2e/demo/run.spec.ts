import { expect, test } from '@playwright/test';
import { deleteJob, jobUrlOnPage, mustReadJob, phaseOnPage, quickQuery, submitPageUrl, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('a job left PENDING at submission runs when the user presses Run', async ({ page }) => {
  await page.goto(submitPageUrl());
  await page.getByLabel('ADQL query').fill(quickQuery(3));
  await page.getByLabel(/Leave it PENDING/).check();
  await page.getByRole('button', { name: 'Create job' }).click();

  await expect(page).toHaveURL(/\/job\?/);
  const jobUrl = jobUrlOnPage(page);
  try {
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'PENDING');
    expect((await mustReadJob(jobUrl)).phase).toBe('PENDING');

    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The server started the job' })).toBeVisible();
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', /QUEUED|EXECUTING|COMPLETED/);
    // A job that has started cannot be run again: the button is gone, not left disabled.
    await expect(page.getByRole('button', { name: 'Run' })).toHaveCount(0);

    // A busy demo may queue the job for a while; once the server has finished it, the page follows.
    const held = await waitForServerPhase(jobUrl, ['COMPLETED'], 90_000);
    expect(held.parameters.QUERY).toBe(quickQuery(3));
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'COMPLETED');
  } finally {
    await deleteJob(jobUrl);
  }
});
