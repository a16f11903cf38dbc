import { expect, test } from '@playwright/test';
import { DACHS_TAP_URL, Jobs, SKIP_REASON, newTag, onServer, readJob, serviceUrl, tagged } from './dachs';

/**
 * A job submitted with DaCHS's FITS output format (RESPONSEFORMAT=application/fits):
 * the result is a FITS file with an empty primary HDU and one BINTABLE, and it
 * shows in the same grid as a VOTable, with the columns' units.
 */
test.skip(!DACHS_TAP_URL, SKIP_REASON);

const jobs = new Jobs(newTag());
test.afterEach(async () => {
  await jobs.deleteAll();
});
test.afterAll(async () => {
  await jobs.sweep();
});

const path = (route: string, params: Record<string, string>) => `${route}?${new URLSearchParams(params).toString()}`;

test('submits a query for a FITS result and reads the result in the grid', async ({ page }) => {
  await page.goto(path('/submit', { service: serviceUrl() }));
  await page.getByLabel('ADQL query').fill(tagged('SELECT TOP 50 * FROM demo.stars ORDER BY id', jobs.tag));
  const format = page.getByLabel('Output format');
  await expect(format.locator('option', { hasText: /^FITS$/ })).toHaveCount(1);
  await format.selectOption({ label: 'FITS' });
  await page.getByLabel('Run at once').check();
  await page.getByRole('button', { name: 'Submit and run' }).click();
  await page.waitForURL(/\/job\?/);
  const jobUrl = jobs.add(new URL(page.url()).searchParams.get('url')!);
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'COMPLETED', { timeout: 45_000 });

  // What DaCHS sent is FITS, not a VOTable.
  const job = await readJob(jobUrl);
  const result = job?.results[0];
  expect(result, 'the job has a result').toBeTruthy();
  const response = await fetch(onServer(new URL(result!.href, onServer(jobUrl)).href));
  expect(response.headers.get('content-type')).toContain('fits');
  expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 9))).toBe('SIMPLE  =');

  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText(/50 rows\s*× 5 columns · FITS/)).toBeVisible({ timeout: 20_000 });
  for (let id = 1; id <= 3; id++) await expect(results.getByText(`DEMO J${String(id).padStart(6, '0')}`, { exact: true })).toBeVisible();
  await expect(results.getByRole('columnheader', { name: /^ra\b/ })).toContainText('deg');

  // Opened again later, the result shows again: DaCHS sends Last-Modified and then answers nothing
  // to a revalidation, so a result read through the browser's cache would wait for ever.
  const jobPage = page.url();
  await page.waitForTimeout(6_000);
  await page.goto('/');
  await page.goto(jobPage);
  await expect(results.getByText(/50 rows\s*× 5 columns · FITS/)).toBeVisible({ timeout: 20_000 });
});
