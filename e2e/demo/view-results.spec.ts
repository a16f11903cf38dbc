import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('a completed query shows its rows and a link to the raw result', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(5), PHASE: 'RUN' });
  try {
    await waitForServerPhase(jobUrl, ['COMPLETED']);
    const result = (await mustReadJob(jobUrl)).results.find((r) => r.id === 'result');
    expect(result).toBeTruthy();
    const raw = await (await fetch(new URL(result!.href, jobUrl))).text();
    const designation = /DEMO J\d+/.exec(raw)?.[0];
    expect(designation, 'the result holds a designation').toBeTruthy();

    await page.goto(jobPageUrl(jobUrl));
    const results = page.getByTestId('results-view');
    await expect(results.getByText(designation!, { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: /Open raw result/ })).toHaveAttribute('href', new URL(result!.href, jobUrl).toString());
  } finally {
    await deleteJob(jobUrl);
  }
});
