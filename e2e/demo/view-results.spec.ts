import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

test('a completed query shows its rows and one download of the result', async ({ page }) => {
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
    const downloads = page.getByRole('list', { name: 'Result documents' }).getByRole('button');
    await expect(downloads).toHaveCount(1);
    await expect(downloads).toHaveAccessibleName('Download result result');
    const download = page.waitForEvent('download');
    await downloads.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/-result\.vot$/);
    expect(await readFile(await file.path(), 'utf8')).toBe(raw);
  } finally {
    await deleteJob(jobUrl);
  }
});

