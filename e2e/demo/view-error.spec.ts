import { expect, test } from '@playwright/test';
import { failQuery } from '../helpers/demo';
import { createJob, deleteJob, jobPageUrl, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('a query that fails at run time shows the error summary, and its detail document once', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: failQuery('flux column calibration missing'), PHASE: 'RUN' });
  try {
    const held = await waitForServerPhase(jobUrl, ['ERROR']);
    expect(held.errorMessage).toContain('flux column calibration missing');

    await page.goto(jobPageUrl(jobUrl));
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'ERROR');
    await expect(page.getByTestId('phase-explanation')).toContainText('The query failed');
    await expect(page.getByTestId('error-summary')).toContainText('flux column calibration missing');
    // The demo's error document repeats the summary: the page says so instead of showing it twice.
    await expect(page.getByTestId('error-detail-same')).toBeVisible();
    await expect(page.getByRole('region', { name: /^Error/ }).getByText('flux column calibration missing')).toHaveCount(1);
  } finally {
    await deleteJob(jobUrl);
  }
});
