import { expect, test } from '@playwright/test';
import { submitPath } from '../../src/lib/routes';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { deleteJob, jobUrlOnPage, mustReadJob, submitPageUrl } from '../helpers/jobs';
import { startOwnDemo, type OwnDemo } from '../helpers/own-demo';
import { E2E_DEMO_LARGE_PORT, E2E_DEMO_NO_TABLES_PORT } from '../ports';

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

test('text typed while the editor is still loading is kept, and typing goes on in the editor', async ({ page }) => {
  // The editor's code arrives two seconds late, as on a slow line or a busy machine.
  await page.route(/\/assets\/adql-editor[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  await page.goto(submitPageUrl());
  const plain = page.locator('textarea#' + (await page.getByLabel('ADQL query').getAttribute('id')));
  await expect(plain).toBeVisible();
  await plain.focus();
  const typed = 'SELECT TOP 4 id, ra, dec FROM demo.stars WHERE mag < 9';
  await page.keyboard.type(typed, { delay: 60 });
  await expect(page.getByTestId('adql-editor')).toBeVisible();
  await expect(page.getByLabel('ADQL query')).toHaveText(typed);
  await expect(page.getByText(`${typed.length} characters`)).toBeVisible();
});

test.describe('a service without VOSI /tables', () => {
  let demo: OwnDemo;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    demo = await startOwnDemo(E2E_DEMO_NO_TABLES_PORT, ['--vosi-tables', 'missing']);
  });
  test.afterAll(() => demo?.stop());

  test('shows and completes its tables from TAP_SCHEMA', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(submitPath(demo.tapUrl));
    await expect(page.getByText('Read from TAP_SCHEMA: the service’s /tables could not be read.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Insert demo.stars', exact: true })).toBeVisible();
    const editor = page.getByLabel('ADQL query');
    await editor.fill('SELECT TOP 3  FROM demo.stars AS s');
    await editor.press('Control+Home');
    for (let i = 0; i < 'SELECT TOP 3 '.length; i++) await editor.press('ArrowRight');
    await editor.pressSequentially('s.des');
    await expect(page.getByRole('option', { name: /designation/ })).toBeVisible();
    // (Also past the editor's guard against accepting a completion the instant it opens.)
    await expectNoSeriousA11yViolations(page);
    await editor.press('Enter');
    await expect(editor).toHaveText('SELECT TOP 3 s.designation FROM demo.stars AS s');
    await page.getByLabel('Find a table or column by name, description or UCD').fill('parallax');
    await expect(page.getByRole('button', { name: 'Insert s.parallax', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: 'test-results/schema-from-tap-schema-dark.png', fullPage: true });
  });
});

test.describe('a service with 30 000 tables', () => {
  let demo: OwnDemo;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    demo = await startOwnDemo(E2E_DEMO_LARGE_PORT, ['--extra-tables', '30000']);
  });
  test.afterAll(() => demo?.stop());

  test('is searched on the service, with the hits counted and the cut said, without freezing the page', async ({ page }, testInfo) => {
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration));
      }).observe({ type: 'longtask', buffered: true });
    });
    const searches: string[] = [];
    page.on('request', (request) => {
      const query = new URLSearchParams(request.postData() ?? '').get('QUERY');
      if (request.url().startsWith(demo.tapUrl) && query?.includes('FROM TAP_SCHEMA.columns WHERE')) searches.push(query);
    });
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(submitPath(demo.tapUrl));
    await expect(page.getByText(/30007 tables/)).toBeVisible({ timeout: 60_000 });
    const loading = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));

    const search = page.getByLabel('Find a table or column by name, description or UCD');
    await search.pressSequentially('Parallax', { delay: 80 });
    const count = page.locator('[id$="-schema-search-count"]');
    await expect(count).toContainText(/^\d+ tables? and more than 200 columns match; the first 200 are shown\. Add a word to narrow the search\.$/, { timeout: 30_000 });
    const insert = page.getByRole('button', { name: /^Insert astrometry\.positions_\d+\.parallax$/ }).first();
    await expect(insert).toBeVisible();
    const name = (await insert.getAttribute('aria-label'))!.replace('Insert ', '');
    await page.getByLabel('ADQL query').fill('SELECT  FROM x');
    await page.getByLabel('ADQL query').press('Control+Home');
    for (let i = 0; i < 'SELECT '.length; i++) await page.getByLabel('ADQL query').press('ArrowRight');
    await insert.click();
    await expect(page.getByLabel('ADQL query')).toHaveText(`SELECT ${name} FROM x`);
    // Typing fast makes one search, not one per letter.
    expect(searches.length).toBeLessThan('Parallax'.length);
    expect(searches.at(-1)).toContain("LIKE '%parallax%'");

    await search.fill('trigonometric parallax 00024');
    await expect(count).toHaveText('0 tables and 0 columns match.');
    await search.fill('positions_00024');
    await expect(count).toHaveText('1 table and 0 columns match.');
    // (Before axe, which runs in the page.)
    const searching = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: 'test-results/schema-search-30000-400.png', fullPage: true });
    const summary = (tasks: number[]) => `${tasks.length} long tasks, longest ${Math.max(0, ...tasks)} ms, total ${tasks.reduce((a, b) => a + b, 0)} ms`;
    testInfo.annotations.push({ type: 'main thread while loading 30 000 tables', description: summary(loading) });
    testInfo.annotations.push({ type: 'main thread while searching', description: summary(searching) });
    console.log(`[30 000 tables] loading: ${summary(loading)}; searching: ${summary(searching)}; ${searches.length} search requests`);
  });
});
