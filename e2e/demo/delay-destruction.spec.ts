import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery } from '../helpers/jobs';

const DAY = 24 * 3600 * 1000;
const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

test('“+7 days” delays destruction by a week on the server', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    const before = (await mustReadJob(jobUrl)).destruction;
    expect(before, 'the demo sets a destruction time').not.toBeNull();
    await page.goto(jobPageUrl(jobUrl));

    await page.getByRole('group', { name: 'Delay destruction by' }).getByRole('button', { name: '+7 days' }).click();
    const wanted = new Date(before!.getTime() + 7 * DAY);
    await expect(page.locator('[data-outcome="done"]')).toHaveText(`The server now holds destruction at ${utc(wanted)}.`);
    await expect(page.getByTestId('destruction')).toHaveText(utc(wanted));

    const after = (await mustReadJob(jobUrl)).destruction!;
    expect(Math.abs(after.getTime() - wanted.getTime())).toBeLessThan(1000);
  } finally {
    await deleteJob(jobUrl);
  }
});

test('a delay beyond the service’s retention limit is shown as what the server kept', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    const before = (await mustReadJob(jobUrl)).destruction!;
    await page.goto(jobPageUrl(jobUrl));

    // The demo keeps jobs at most 30 days; the default is 7, so +30 days asks for 37.
    await page.getByRole('group', { name: 'Delay destruction by' }).getByRole('button', { name: '+30 days' }).click();
    const asked = new Date(before.getTime() + 30 * DAY);
    const altered = page.locator('[data-outcome="altered"]');
    await expect(altered).toContainText('The server kept ');
    await expect(altered).toContainText(` instead of ${utc(asked)}.`);

    const held = (await mustReadJob(jobUrl)).destruction!;
    expect(held.getTime()).toBeLessThan(asked.getTime());
    expect(held.getTime()).toBeGreaterThan(before.getTime());
    await expect(altered).toHaveText(`The server kept ${utc(held)} instead of ${utc(asked)}. The service keeps jobs at most 30 d.`);
    await expect(page.getByTestId('destruction')).toHaveText(utc(held));
  } finally {
    await deleteJob(jobUrl);
  }
});
