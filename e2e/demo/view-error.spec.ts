import { expect, test } from '@playwright/test';
import { createJob, deleteJob, failingQuery, jobPageUrl, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('a query that fails at run time shows the error summary and its detail', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: failingQuery('flux column calibration missing'), PHASE: 'RUN' });
  try {
    const held = await waitForServerPhase(jobUrl, ['ERROR']);
    expect(held.errorMessage).toContain('flux column calibration missing');

    await page.goto(jobPageUrl(jobUrl));
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'ERROR');
    await expect(page.getByTestId('phase-explanation')).toContainText('The query failed');
    await expect(page.getByTestId('error-summary')).toContainText('flux column calibration missing');
    await expect(page.getByTestId('error-detail')).toContainText('flux column calibration missing');
  } finally {
    await deleteJob(jobUrl);
  }
});
