import { expect, test } from '@playwright/test';
import { APP_ORIGIN, DACHS_TAP_URL, Jobs, SKIP_REASON, VIA_PROXY, createJob, inBrowser, newTag, readJob, tagged } from './dachs';

/**
 * DaCHS as it ships: no CORS headers. The app must say why it cannot read the
 * service and lead the user to its proxy, through which everything works.
 */
test.skip(!DACHS_TAP_URL, SKIP_REASON);
test.skip(!VIA_PROXY, 'Runs only in the proxied variant (DACHS_VIA_PROXY=1, DaCHS started with DACHS_CORS_ORIGIN_PAT=).');

const jobs = new Jobs(newTag());
test.afterAll(async () => {
  await jobs.sweep();
});

test('a service without CORS headers is explained, and the proxy reaches it', async ({ page }) => {
  const direct = DACHS_TAP_URL!;
  const probe = await fetch(`${direct}/availability`, { headers: { origin: APP_ORIGIN } });
  expect(probe.headers.get('access-control-allow-origin'), 'DaCHS must run without CORS headers for this variant').toBeNull();

  const jobUrl = jobs.add(await createJob({ QUERY: tagged('SELECT TOP 1 id FROM demo.stars', jobs.tag) }));
  const jobId = (await readJob(jobUrl))!.jobId;

  await page.goto(`/jobs?${new URLSearchParams({ service: direct }).toString()}`);
  await expect(page.getByText('Diagnosis: the service answers, but sends no CORS headers.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Reach it through the proxy' }).click();

  const proxied = `${APP_ORIGIN}/proxy/http/${new URL(direct).host}${new URL(direct).pathname}`;
  await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBe(proxied);
  await expect(page.getByRole('table', { name: 'Jobs' }).locator(`[role="row"][data-job-id="${jobId}"]`)).toBeVisible();
});

test('a job opened by its direct URL is reached through the proxy after the switch', async ({ page }) => {
  const direct = DACHS_TAP_URL!;
  const jobUrl = jobs.add(await createJob({ QUERY: tagged('SELECT TOP 1 id FROM demo.stars', jobs.tag) }));

  await page.goto(`/job?${new URLSearchParams({ service: direct, url: jobUrl }).toString()}`);
  await expect(page.getByText('Diagnosis: the service answers, but sends no CORS headers.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Reach it through the proxy' }).click();

  await expect.poll(() => new URL(page.url()).searchParams.get('url')).toBe(inBrowser(jobUrl));
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'PENDING');
});
