import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { createJob, deleteJob, jobPageUrl, mustReadJob, phaseOnPage, slowQuery } from '../helpers/jobs';

test('the job page follows a slow query to COMPLETED without a reload', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: slowQuery(6), PHASE: 'RUN' });
  try {
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(jobPageUrl(jobUrl));

    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', /QUEUED|EXECUTING/);
    await expect(page.getByTestId('phase-explanation')).toContainText(/waiting for the service|running the query now/);
    await expect(page.getByTestId('elapsed')).toContainText(/Running for \d+ s/);
    await expectNoSeriousA11yViolations(page);

    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'COMPLETED', { timeout: 30_000 });
    await expect(page.getByTestId('phase-explanation')).toContainText('Finished successfully');
    expect(loads).toBe(1);
    expect((await mustReadJob(jobUrl)).phase).toBe('COMPLETED');
  } finally {
    await deleteJob(jobUrl);
  }
});
