import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { deleteJob, jobUrlOnPage, mustReadJob, submitPageUrl } from '../helpers/jobs';

test.setTimeout(120_000);

test('find a column by a word of its description and insert it at the cursor', async ({ page }) => {
  await page.goto(submitPageUrl());
  const editor = page.getByLabel('ADQL query');
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  await editor.fill('SELECT  FROM demo.stars AS s');
  // The cursor goes after "SELECT ".
  await editor.press('Control+Home');
  for (let i = 0; i < 'SELECT '.length; i++) await editor.press('ArrowRight');

  await page.getByLabel('Find a table or column by name, description or UCD').fill('declination');
  const insert = page.getByRole('button', { name: 'Insert s.dec', exact: true });
  await expect(insert).toBeVisible();
  await insert.focus();
  await insert.press('Enter');
  await expect(editor).toHaveText('SELECT s.dec FROM demo.stars AS s');
  await expectNoSeriousA11yViolations(page);
});

test('complete a column after a table alias, then submit with Ctrl+Enter', async ({ page }) => {
  await page.goto(submitPageUrl());
  const editor = page.getByLabel('ADQL query');
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  // The columns of demo.stars are known once the browser has read them.
  await expect(page.getByRole('button', { name: 'Insert demo.stars', exact: true })).toBeVisible();
  await editor.fill('SELECT TOP 3  FROM demo.stars AS s');
  await editor.press('Control+Home');
  for (let i = 0; i < 'SELECT TOP 3 '.length; i++) await editor.press('ArrowRight');
  await editor.pressSequentially('s.des');
  const option = page.getByRole('option', { name: /designation/ });
  await expect(option).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await editor.press('Enter');
  await expect(editor).toHaveText('SELECT TOP 3 s.designation FROM demo.stars AS s');

  await editor.press('Control+Enter');
  await expect(page).toHaveURL(/\/job\?/);
  const jobUrl = jobUrlOnPage(page);
  try {
    expect((await mustReadJob(jobUrl)).parameters.QUERY).toBe('SELECT TOP 3 s.designation FROM demo.stars AS s');
  } finally {
    await deleteJob(jobUrl);
  }
});

test('the editor and the table browser pass axe in dark mode at 400 px', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(submitPageUrl());
  await page.evaluate(() => localStorage.setItem('uws-desk:theme:v1', JSON.stringify('dark')));
  await page.reload();
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  await page.getByLabel('ADQL query').fill('SELECT TOP 10 ra, dec FROM demo.stars WHERE mag < 5');
  await expect(page.getByRole('button', { name: 'Insert demo.stars', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/submit-editor-dark-400.png', fullPage: true });
});

test('check a query: the columns it would return, or the service’s error with its spot marked', async ({ page }) => {
  await page.goto(submitPageUrl());
  const editor = page.getByLabel('ADQL query');
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  await editor.fill('SELECT ra, dec, mag FROM demo.stars');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const result = page.getByTestId('check-result');
  await expect(result).toContainText('It would return 3 columns');
  await expect(result).toContainText('ra double [deg]');

  await editor.fill('SELECT ra, dec\nFROM demo.stars WHERE mag <');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(result).toContainText('The service refused the query');
  await expect(result).toContainText('line 2, column 28');
  // The mark sits on the last character of line 2, where the service says the query ends too early.
  const marked = page.locator('.cm-lintRange-error');
  await expect(marked).toHaveText('<');
  await expectNoSeriousA11yViolations(page);
  // Editing the query makes the check stale and lifts the mark.
  await editor.press('End');
  await editor.pressSequentially(' 5');
  await expect(marked).toHaveCount(0);
  await expect(result).toContainText('The query was changed since this check.');
});

test('copy the query being written as a curl snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(submitPageUrl());
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  await page.getByLabel('ADQL query').fill('SELECT TOP 2 id FROM demo.stars');
  await page.getByLabel('Row limit (MAXREC)').fill('2');
  await page.getByText('Copy this query as code').click();
  await page.getByLabel('Tool').selectOption('curl');
  await expect(page.getByTestId('code-snippet')).toContainText("--data-urlencode 'QUERY=SELECT TOP 2 id FROM demo.stars'");
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('MAXREC=2');
  expect(copied).not.toContain('Authorization');
  await expectNoSeriousA11yViolations(page);
});
