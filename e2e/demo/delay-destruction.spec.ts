import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery } from '../helpers/jobs';

const DAY = 24 * 3600 * 1000;

test('“+7 days” delays destruction by a week on the server', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    const before = (await mustReadJob(jobUrl)).destruction;
    expect(before, 'the demo sets a destruction time').not.toBeNull();
    await page.goto(jobPageUrl(jobUrl));

    await page.getByRole('group', { name: 'Delay destruction by' }).getByRole('button', { name: '+7 days' }).click();
    const outcome = page.locator('[data-outcome]').filter({ hasText: /destruction|kept/ });
    await expect(outcome).toBeVisible();

    const after = (await mustReadJob(jobUrl)).destruction!;
    const wanted = new Date(before!.getTime() + 7 * DAY);
    if (Math.abs(after.getTime() - wanted.getTime()) < 1000) {
      await expect(outcome).toHaveAttribute('data-outcome', 'done');
      await expect(page.getByTestId('destruction')).toHaveText(`${after.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
    } else {
      // The service kept another date (e.g. its retention limit): the page must say so.
      await expect(outcome).toHaveAttribute('data-outcome', 'altered');
      await expect(outcome).toContainText(`The server kept ${after.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
    }
    expect(after.getTime()).toBeGreaterThan(before!.getTime());
  } finally {
    await deleteJob(jobUrl);
  }
});
