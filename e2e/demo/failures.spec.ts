import { expect, test } from '@playwright/test';
import { DEMO, DEMO_AUTH, DEMO_FAULTS, DEMO_NOCORS, createJob, deleteJobs, freshStart, uniqueTag } from '../helpers/demo';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('an unreachable service is explained, and the rest of the app keeps working', async ({ page }) => {
  await page.goto(`/?service=${encodeURIComponent('http://127.0.0.1:9/tap')}`);
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('No answer could be read from 127.0.0.1:9');
  await expect(alert.getByTestId('diagnosis')).toContainText('the host cannot be reached');
  await alert.getByText('Technical details').click();
  await expect(alert).toContainText('NetworkError');

  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'uws-desk demo' });
  await expect(page.getByTestId('availability')).toContainText('Available');
});

test('a service without CORS headers is explained with what to do about it', async ({ page }) => {
  await page.goto(`/?service=${encodeURIComponent(DEMO_NOCORS)}`);
  const alert = page.getByRole('alert').first();
  await expect(alert.getByTestId('diagnosis')).toContainText('the service answers, but sends no CORS headers');
  await expect(alert).toContainText('Ask the archive to enable CORS');
  await expect(alert).toContainText('npm start');
  await expect(alert).toContainText('web server that forwards requests');

  // The app's proxy forwards to this service (proxy.config.json): one click reaches it.
  await alert.getByRole('button', { name: 'Reach it through the proxy' }).click();
  await expect(page).toHaveURL(/service=.*%2Fproxy%2Fhttp%2F127\.0\.0\.1%3A8434%2Ftap/);
  await expect(page.getByTestId('availability')).toContainText('Available');
  await expect(page.getByRole('radio', { name: /via proxy/ })).toBeChecked();
  await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
  await expect(page.getByTestId('job-count')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a service that wants a token says so; with the token its jobs are listed', async ({ page, request }) => {
  const job = await createJob(request, DEMO_AUTH, { runId: uniqueTag('auth'), token: 'alice-token' });
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO_AUTH)}`);
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('wants you to identify yourself');
  await expect(alert).toContainText('401');

  await page.goto(`/?service=${encodeURIComponent(DEMO_AUTH)}`);
  const identity = page.getByRole('form', { name: 'Credential' });
  await identity.getByLabel('Bearer token').check();
  await identity.getByLabel('Token', { exact: true }).fill('alice-token');
  await identity.getByRole('button', { name: 'Save credential' }).click();
  await expect(identity.getByRole('status')).toContainText('until this tab is closed');

  await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
  await expect(page.getByRole('link', { name: job.jobId })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The token is not written to persistent storage unless asked.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('alice-token');
  await deleteJobs(request, [job.jobUrl], 'alice-token');
});

test('an address that answers with a web page instead of TAP is named as such', async ({ page }) => {
  // The app's own server answers any unknown path with its web page.
  const notTap = `${new URL(page.url()).origin}/not-a-tap-service`;
  await page.goto(`/?service=${encodeURIComponent(notTap)}`);
  await expect(page.getByRole('alert').first()).toContainText('did not answer like a TAP/UWS service');
});

test('a job the service no longer knows is shown as gone, not dropped', async ({ page, request }) => {
  const tag = uniqueTag('gone');
  const job = await createJob(request, DEMO, { runId: tag });
  // This browser created the job earlier (as the submit page records it).
  await page.evaluate(
    ([serviceUrl, jobUrl, jobId, runId]) =>
      localStorage.setItem(
        'uws-desk:local-jobs:v1',
        JSON.stringify([{ serviceUrl, jobUrl, jobId, runId, creationTime: new Date().toISOString(), query: 'SELECT 1' }]),
      ),
    [DEMO, job.jobUrl, job.jobId, tag],
  );
  await deleteJobs(request, [job.jobUrl]);
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  const row = page.getByTestId('job-rows').getByRole('row').filter({ hasText: job.jobId });
  await expect(row).toContainText('Gone');
  await page.reload();
  await expect(row).toContainText('Gone');
  await row.getByRole('button', { name: /Forget/ }).click();
  await expect(row).toHaveCount(0);
});

test('a flaky service gives readable errors and recovers on refresh', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO_FAULTS)}`);
  let sawList = false;
  for (let i = 0; i < 8 && !sawList; i++) {
    const outcome = page.getByTestId('job-count').or(page.getByRole('alert').first());
    await expect(outcome.first()).toBeVisible({ timeout: 45_000 });
    const alerts = page.getByRole('alert');
    if ((await alerts.count()) > 0) {
      await expect(alerts.first()).not.toContainText('undefined');
      await expect(alerts.first()).not.toContainText('[object');
    }
    const errors = await alerts.count();
    sawList = errors === 0 && !(await page.getByText('Loading…').isVisible());
    if (!sawList) await page.getByRole('button', { name: /Refresh the job list|Try again/ }).first().click();
  }
  expect(sawList).toBe(true);
  // The rest of the app still works.
  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'uws-desk demo' });
  await expect(page.getByRole('heading', { name: 'Jobs on uws-desk demo' })).toBeVisible();
});
