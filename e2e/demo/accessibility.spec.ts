import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { DEMO, createJob, deleteJobs, freshStart, setTheme, uniqueTag, type CreatedJob } from '../helpers/demo';

let job: CreatedJob;
const tag = uniqueTag('a11y');

test.beforeAll(async ({ request }) => {
  job = await createJob(request, DEMO, { runId: tag, run: true });
});

test.afterAll(async ({ request }) => {
  await deleteJobs(request, [job.jobUrl]);
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await freshStart(page);
      await setTheme(page, theme);
    });

    test('the services screen has no serious accessibility problem', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('availability')).toContainText('Available');
      await expect(page.getByTestId('capabilities')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
      await expectNoSeriousA11yViolations(page);
    });

    test('the job list, with a selection, has no serious accessibility problem', async ({ page }) => {
      await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}`);
      await expect(page.getByTestId('job-rows').getByRole('row').first()).toBeVisible();
      await page.getByRole('checkbox', { name: `Select job ${job.jobId}` }).check();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Delete…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    });

    test('the job screen has no serious accessibility problem', async ({ page }) => {
      await page.goto(`/job?service=${encodeURIComponent(DEMO)}&url=${encodeURIComponent(job.jobUrl)}`);
      await expect(page.getByText(job.jobId).first()).toBeVisible();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectNoSeriousA11yViolations(page);
    });

    test('the submit screen has no serious accessibility problem', async ({ page }) => {
      await page.goto(`/submit?service=${encodeURIComponent(DEMO)}`);
      await expect(page.getByRole('heading').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    test('the failure messages have no serious accessibility problem', async ({ page }) => {
      await page.goto(`/?service=${encodeURIComponent('http://127.0.0.1:9/tap')}`);
      await expect(page.getByTestId('diagnosis').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });
}

test('the theme follows the system until chosen, and the choice is remembered', async ({ page }) => {
  await freshStart(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
  expect(await isDark()).toBe(true);
  await page.getByLabel('Theme').selectOption('light');
  expect(await isDark()).toBe(false);
  await page.reload();
  expect(await isDark()).toBe(false);
  await expect(page.getByLabel('Theme')).toHaveValue('light');
});

test('the job list can be used with the keyboard alone', async ({ page }) => {
  await freshStart(page);
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  const box = page.getByRole('checkbox', { name: `Select job ${job.jobId}` });
  await expect(box).toBeVisible();
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(page.getByText('1 selected')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: job.jobId })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/job\?/);
  // The job screen's title takes the focus, so the next Tab stays in the job screen, not back in the header.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main') && document.activeElement !== document.querySelector('main'))).toBe(true);
});
