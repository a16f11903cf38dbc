import { expect, test, type Page } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, quickQuery, submitPageUrl } from '../helpers/jobs';

test.use({ viewport: { width: 400, height: 800 } });

async function overflowsSideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function headerHeight(page: Page): Promise<number> {
  return (await page.getByRole('banner').boundingBox())!.height;
}

test('at 400 px the header is compact and no screen overflows sideways', async ({ page }, testInfo) => {
  const jobUrl = await createJob({ QUERY: quickQuery(3) });
  try {
    const screens: [string, string, string][] = [
      ['home', '/', 'Services'],
      ['jobs', '/jobs', 'Jobs'],
      ['job', jobPageUrl(jobUrl), 'Job'],
      ['submit', submitPageUrl(), 'New query'],
    ];
    for (const [name, url, title] of screens) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) }).first()).toBeAttached();
      // The job list is measured with its rows in place.
      if (name === 'jobs') await expect(page.getByTestId('job-rows').getByRole('row').first()).toBeVisible();
      expect(await headerHeight(page), `header height on ${name}`).toBeLessThanOrEqual(66);
      expect(await overflowsSideways(page), `sideways overflow on ${name}`).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width on ${name}`).toBeLessThanOrEqual(400);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: testInfo.outputPath(`${name}-400-${scheme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }

    // The job list with its time window and other filters open still fits.
    await page.goto('/jobs');
    await expect(page.getByTestId('job-rows').getByRole('row').first()).toBeVisible();
    await page.getByText('More filters').click();
    await expect(page.getByLabel('Created after (UTC)')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width with the filters open').toBeLessThanOrEqual(400);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: testInfo.outputPath(`jobs-filters-400-${scheme}.png`), fullPage: true });
    }
  } finally {
    await deleteJob(jobUrl);
  }
});

test('after a navigation the page title has the focus and the header stays in view', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeAttached();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New query' }).click();
  const title = page.getByRole('heading', { level: 1, name: /New query/ });
  await expect(title).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole('banner')).toBeInViewport();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
