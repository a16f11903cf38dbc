import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { sleepQuery } from '../helpers/demo';
import { createJob, deleteJob, jobPageUrl, phaseOnPage, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('the job page follows a slow query to COMPLETED without a reload', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: sleepQuery(8), PHASE: 'RUN' });
  try {
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(jobPageUrl(jobUrl));

    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', /QUEUED|EXECUTING/);
    await expect(page.getByTestId('phase-explanation')).toContainText(/waiting for the service|running the query now/);
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'EXECUTING', { timeout: 60_000 });
    await expect(page.getByTestId('elapsed')).toContainText(/Running for \d+ s/);
    await expectNoSeriousA11yViolations(page);

    // The server decides when it finishes (a busy demo queues jobs); the page must follow within moments.
    await waitForServerPhase(jobUrl, ['COMPLETED'], 90_000);
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'COMPLETED', { timeout: 5_000 });
    await expect(page.getByTestId('phase-explanation')).toContainText('Finished successfully');
    expect(loads).toBe(1);
  } finally {
    await deleteJob(jobUrl);
  }
});
