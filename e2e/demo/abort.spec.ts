import { expect, test } from '@playwright/test';
import { sleepQuery } from '../helpers/demo';
import { createJob, deleteJob, jobPageUrl, mustReadJob, phaseOnPage, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('aborting a running query asks first, then the server holds it ABORTED', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: sleepQuery(120), PHASE: 'RUN' });
  try {
    await page.goto(jobPageUrl(jobUrl));
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'EXECUTING', { timeout: 60_000 });

    await page.getByRole('button', { name: 'Abort' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('cannot be restarted');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await mustReadJob(jobUrl)).phase).toBe('EXECUTING');

    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Abort job' }).click();
    await expect(page.getByText('The server aborted the job.')).toBeVisible();
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'ABORTED');
    // An ended job cannot be aborted again: the button is gone, not left disabled.
    await expect(page.getByRole('button', { name: 'Abort' })).toHaveCount(0);
    await waitForServerPhase(jobUrl, ['ABORTED'], 5_000);
  } finally {
    await deleteJob(jobUrl);
  }
});
