import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { DACHS_TAP_URL, Jobs, SKIP_REASON, newTag, serviceUrl, tagged } from './dachs';

/**
 * DataLink on a real DaCHS: demo.images carries a links service descriptor for its
 * pub_did column. DaCHS answers a browser's User-Agent with an HTML page, so the
 * app reads the links through its proxy, which presents its own.
 */
test.skip(!DACHS_TAP_URL, SKIP_REASON);
if (!DACHS_TAP_URL && !process.env.TEST_WORKER_INDEX) console.warn(`[dachs] ${SKIP_REASON}`);
test.setTimeout(120_000);

const jobs = new Jobs(newTag());
test.afterEach(async () => {
  await jobs.deleteAll();
});
test.afterAll(async () => {
  await jobs.sweep();
});

async function submitAndRun(page: Page, query: string): Promise<void> {
  await page.goto(`/submit?${new URLSearchParams({ service: serviceUrl() }).toString()}`);
  await page.getByLabel('ADQL query').fill(query);
  await page.getByLabel('Run at once').check();
  await page.getByRole('button', { name: 'Submit and run' }).click();
  await page.waitForURL(/\/job\?/);
  const jobUrl = new URL(page.url()).searchParams.get('url');
  expect(jobUrl, 'the job page names the job URL').toBeTruthy();
  jobs.add(jobUrl!);
}

test("a row's DataLink links are listed, its preview shown, and a SODA cutout made", async ({ page }) => {
  await submitAndRun(page, tagged('SELECT TOP 5 obs_id, pub_did, ra, dec FROM demo.images ORDER BY obs_id', jobs.tag));
  await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'COMPLETED', { timeout: 60_000 });
  const results = page.getByTestId('results-view');
  await expect(results.getByTestId('row-count')).toHaveText('5 rows', { timeout: 30_000 });
  await expect(results.getByText('This result has DataLink links: pick a row to see them.')).toBeVisible();

  // Pick the first row: its obs_id, pub_did, ra and dec.
  const grid = results.getByRole('grid');
  const first = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1', exact: true }) });
  const cells = first.getByRole('gridcell');
  await expect(cells.first()).toHaveText('DEMO-IMG-0001');
  await cells.first().click();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const ra = (await cells.nth(2).textContent())!.trim();
  const dec = (await cells.nth(3).textContent())!.trim();
  expect(Number.isFinite(Number(ra)) && Number.isFinite(Number(dec)), `ra ${ra}, dec ${dec}`).toBe(true);

  const links = results.getByRole('region', { name: 'Links for row 1' });
  await expect(links.getByText('The data set itself', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(links.getByText('Preview', { exact: true })).toBeVisible();
  await expect(links.getByText('image/fits').first()).toBeVisible();
  const thisLink = links.getByRole('link', { name: /^Open The data set itself/ });
  await expect(thisLink).toHaveAttribute('href', /\/getproduct\/demo\/images\/img0001\.fits$/);

  // The preview is shown inline, and it is a real image.
  const preview = links.getByRole('img', { name: 'Preview of the data set' });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(page);

  // The SODA form: a circle round the row's position, then the cutout to download.
  await links.getByRole('button', { name: 'Make a cutout' }).click();
  const form = links.getByRole('form', { name: 'Cutout' });
  await form.getByLabel(/^CIRCLE/).fill(`${ra} ${dec} 0.05`);
  await form.getByRole('button', { name: 'Get the cutout' }).click();
  const download = form.getByRole('link', { name: /^Download the cutout \(/ });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await expect(download).toHaveText(/image\/fits/);
  await expect(download).toHaveAttribute('href', /^blob:/);
  await expectNoSeriousA11yViolations(page);

  const saving = page.waitForEvent('download');
  await download.click();
  const file = await saving;
  const bytes = await file.createReadStream().then(
    (stream) =>
      new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      }),
  );
  // A FITS file starts with its SIMPLE card.
  expect(bytes.subarray(0, 30).toString('latin1')).toMatch(/^SIMPLE {2}=\s+T/);
  // Smaller than the whole 32x32 image (8640 bytes).
  expect(bytes.length).toBeLessThan(8640);
});
