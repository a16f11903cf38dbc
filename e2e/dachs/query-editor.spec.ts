import { expect, test, type Page } from '@playwright/test';
import { submitPath } from '../../src/lib/routes';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { DACHS_TAP_URL, Jobs, SKIP_REASON, newTag, readJob, serviceUrl, tagged } from './dachs';

/**
 * Writing a query against a real GAVO DaCHS: its VOSI /tables (and, where that
 * fails, its TAP_SCHEMA), its completion, its own error positions ("(at char
 * N)"), Ctrl+Enter and a snippet to copy.
 */
test.skip(!DACHS_TAP_URL, SKIP_REASON);

const jobs = new Jobs(newTag());
test.afterEach(async () => {
  await jobs.deleteAll();
});
test.afterAll(async () => {
  await jobs.sweep();
});

const search = (page: Page) => page.getByLabel('Find a table or column by name, description or UCD');
const editorOf = (page: Page) => page.getByLabel('ADQL query');

async function openSubmit(page: Page) {
  await page.goto(submitPath(serviceUrl()));
  await expect(page.getByTestId('adql-editor')).toBeVisible();
}

/** Put the cursor after the first `n` characters. */
async function cursorAt(page: Page, n: number) {
  await editorOf(page).press('Control+Home');
  for (let i = 0; i < n; i++) await editorOf(page).press('ArrowRight');
}

test('find a column of demo.stars by a word of its description, insert it, complete another after the alias, submit with Ctrl+Enter', async ({ page }) => {
  await openSubmit(page);
  const editor = editorOf(page);
  await editor.fill('SELECT  FROM demo.stars AS s');
  await cursorAt(page, 'SELECT '.length);
  await search(page).fill('magnitude');
  const insert = page.getByRole('button', { name: 'Insert s.mag', exact: true });
  await expect(insert).toBeVisible();
  await insert.focus();
  await insert.press('Enter');
  await expect(editor).toHaveText('SELECT s.mag FROM demo.stars AS s');
  await expectNoSeriousA11yViolations(page);

  await cursorAt(page, 'SELECT s.mag'.length);
  await editor.pressSequentially(', s.na');
  await expect(page.getByRole('listbox').getByRole('option', { name: /name/ }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await editor.press('Enter');
  await expect(editor).toHaveText('SELECT s.mag, s.name FROM demo.stars AS s');

  const query = tagged('SELECT TOP 2 s.mag, s.name FROM demo.stars AS s', jobs.tag);
  await editor.fill(query);
  await editor.press('Control+Enter');
  await page.waitForURL(/\/job\?/);
  const jobUrl = jobs.add(new URL(page.url()).searchParams.get('url')!);
  expect((await readJob(jobUrl))?.query).toBe(query);
});

test('check a query with an error: DaCHS’s "(at char N)" is marked in the editor', async ({ page }) => {
  await openSubmit(page);
  const editor = editorOf(page);
  await editor.fill('SELECT ra, dec FROM demo.stars WHERE mag <');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const result = page.getByTestId('check-result');
  await expect(result).toContainText('The service refused the query');
  await expect(result).toContainText('(at char 42)');
  await expect(page.locator('.cm-lintRange-error')).toHaveText('<');
  await expectNoSeriousA11yViolations(page);

  await editor.fill('SELECT ra, dec, mag FROM demo.stars');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(result).toContainText('It would return 3 columns');
  await expect(result).toContainText('ra double [deg]');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
});

test('copy the query as a pyvo snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSubmit(page);
  await editorOf(page).fill('SELECT TOP 2 id FROM demo.stars');
  await page.getByText('Copy this query as code').click();
  await page.getByLabel('Tool').selectOption('pyvo');
  await expect(page.getByTestId('code-snippet')).toContainText('SELECT TOP 2 id FROM demo.stars');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(DACHS_TAP_URL!);
  expect(copied).toContain('AsyncTAPJob');
});

test('reads the tables from TAP_SCHEMA when /tables does not answer', async ({ page }) => {
  await page.route(/\/tap\/tables(\/|\?|$)/, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
  await openSubmit(page);
  await expect(page.getByText('Read from TAP_SCHEMA: the service’s /tables could not be read.')).toBeVisible();
  await search(page).fill('declination');
  await expect(page.getByRole('button', { name: 'Insert demo.stars.dec', exact: true })).toBeVisible();
  await editorOf(page).fill('SELECT TOP 1  FROM demo.stars AS t');
  await cursorAt(page, 'SELECT TOP 1 '.length);
  await editorOf(page).pressSequentially('t.ma');
  await expect(page.getByRole('listbox').getByRole('option', { name: /mag/ }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await editorOf(page).press('Enter');
  await expect(editorOf(page)).toHaveText('SELECT TOP 1 t.mag FROM demo.stars AS t');
});
