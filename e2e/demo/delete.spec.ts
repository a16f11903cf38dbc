import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, listJobUrls, quickQuery, readJob } from '../helpers/jobs';

test('deleting a job asks first, removes it from the server and returns to the list', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1), RUNID: 'to-be-deleted' });
  try {
    expect(await listJobUrls()).toContain(jobUrl);
    await page.goto(jobPageUrl(jobUrl));

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete job' }).click();

    await expect(page).toHaveURL(/\/jobs\?/);
    await expect(page.getByRole('status').filter({ hasText: `Job ${jobUrl.split('/').pop()} was deleted.` })).toBeVisible();
    expect(await readJob(jobUrl)).toBeNull();
    expect(await listJobUrls()).not.toContain(jobUrl);
  } finally {
    await deleteJob(jobUrl);
  }
});
