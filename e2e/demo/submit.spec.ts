import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { DEMO_ASYNC, deleteJob, jobUrlOnPage, mustReadJob, submitPageUrl, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

const UPLOAD_CSV = 'id,tag\n3,"third, with comma"\n5,fifth\n8,eighth\n';
const QUERY = 'SELECT s.id, s.designation, u.tag FROM demo.stars AS s JOIN TAP_UPLOAD.mine AS u ON s.id = u.id ORDER BY s.id';

test('submitting a query with a CSV upload, run id, row limit and format', async ({ page }) => {
  await page.goto(submitPageUrl());
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('ADQL query').fill(QUERY);
  await page.getByLabel('VOTable or CSV file').setInputFiles({ name: 'my list.csv', mimeType: 'text/csv', buffer: Buffer.from(UPLOAD_CSV) });
  await expect(page.getByLabel('Table name')).toHaveValue('mine');
  await page.getByLabel('Run id (RUNID)').fill('e2e-upload');
  await page.getByLabel('Row limit (MAXREC)').fill('100');
  const format = page.getByLabel('Output format');
  await expect(format.locator('option').nth(1)).toHaveText(/VOTable BINARY2/);
  await expect(format).toHaveValue(/binary2/i);

  await page.getByLabel('ADQL query').press('Control+Enter');
  await expect(page).toHaveURL(/\/job\?/);
  const jobUrl = jobUrlOnPage(page);
  try {
    const held = await mustReadJob(jobUrl);
    // The user's run id, followed by the tag that makes this submission findable in the job list.
    expect(held.runId).toMatch(/^e2e-upload \(uws-desk:[0-9a-z]+\)$/);
    expect(held.parameters.MAXREC).toBe('100');
    expect(held.parameters.RESPONSEFORMAT).toMatch(/binary2/i);
    expect(held.parameters.QUERY).toBe(QUERY);
    expect(held.parameters.UPLOAD).toMatch(/^mine,/);

    await waitForServerPhase(jobUrl, ['COMPLETED']);
    await expect(page.getByTestId('job-phase')).toHaveAttribute('data-phase', 'COMPLETED');
    await expect(page.getByTestId('results-view').getByText('third, with comma')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  } finally {
    await deleteJob(jobUrl);
  }
});

test('when the network fails the form keeps everything, and the draft survives a reload', async ({ page }) => {
  await page.goto(submitPageUrl());
  await page.route(`${DEMO_ASYNC}`, (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()));
  await page.getByLabel('ADQL query').fill('SELECT nosuchcolumn FROM demo.stars WHERE');
  await page.getByLabel('Run id (RUNID)').fill('kept');
  await page.getByRole('button', { name: 'Submit and run' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The job was not created' })).toBeVisible();
  await expect(page.getByLabel('ADQL query')).toHaveText('SELECT nosuchcolumn FROM demo.stars WHERE');

  await page.unroute(`${DEMO_ASYNC}`);
  await page.reload();
  await expect(page.getByLabel('ADQL query')).toHaveText('SELECT nosuchcolumn FROM demo.stars WHERE');
  await expect(page.getByLabel('Run id (RUNID)')).toHaveValue('kept');
});
