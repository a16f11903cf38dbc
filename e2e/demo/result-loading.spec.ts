import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { writeVotable, type FixtureField } from '../../src/protocol/votable/testing/fixture-writer';
import { createJob, deleteJob, jobPageUrl, quickQuery, waitForServerPhase } from '../helpers/jobs';

// A demo shared by parallel tests may queue jobs for a while.
test.setTimeout(150_000);

const LIMIT_KEY = 'uws-desk:results:auto-load-bytes';

test('CSV and TSV results are shown in the same grid, numbers as numbers', async ({ page }) => {
  for (const format of ['csv', 'tsv']) {
    const jobUrl = await createJob({ QUERY: quickQuery(25), RESPONSEFORMAT: format, PHASE: 'RUN' });
    try {
      await waitForServerPhase(jobUrl, ['COMPLETED']);
      await page.goto(jobPageUrl(jobUrl));
      const results = page.getByTestId('results-view');
      await expect(results.getByTestId('row-count')).toHaveText('25 rows');
      await expect(results.getByText(`· ${format.toUpperCase()} ·`)).toBeVisible();
      const grid = results.getByRole('grid');
      await expect(grid.getByRole('columnheader', { name: /^ra/ })).toBeVisible();
      // The number columns are right-aligned, as numbers; the designation stays text.
      const firstRow = grid.getByRole('row').nth(1);
      await expect(firstRow.getByRole('gridcell').nth(2)).toHaveClass(/text-right/);
      await expect(firstRow.getByRole('gridcell').nth(1)).toHaveText(/^DEMO J/);
      await expect(results.getByLabel('Result preview')).toHaveCount(0);
    } finally {
      await deleteJob(jobUrl);
    }
  }
});

/** A 5000-row result in a format, cut where its first 3000 rows end (the second part is held back). */
function twoParts(format: 'csv' | 'TABLEDATA' | 'BINARY2'): { type: string; head: string; tail: string } {
  const rows = Array.from({ length: 5000 }, (_, i) => [i, `star ${i}`, i / 8] as [number, string, number]);
  if (format === 'csv') {
    const text = (from: number, to: number) => rows.slice(from, to).map((r) => `${r.join(',')}\n`).join('');
    return { type: 'text/csv', head: 'id,name,mag\n' + text(0, 3000), tail: text(3000, 5000) };
  }
  const fields: FixtureField[] = [
    { name: 'id', datatype: 'int' },
    { name: 'name', datatype: 'char', arraysize: '*' },
    { name: 'mag', datatype: 'double' },
  ];
  const text = writeVotable(fields, rows, format);
  // Cut 60% into the data: every row before it has arrived, the rest has not.
  const dataStart = text.indexOf(format === 'TABLEDATA' ? '<TABLEDATA>' : '<STREAM');
  const dataEnd = text.indexOf(format === 'TABLEDATA' ? '</TABLEDATA>' : '</STREAM>');
  const cut = Math.floor(dataStart + (dataEnd - dataStart) * 0.6);
  return { type: 'application/x-votable+xml', head: text.slice(0, cut), tail: text.slice(cut) };
}

for (const format of ['csv', 'TABLEDATA', 'BINARY2'] as const) {
  test(`the first rows of a ${format} result show before the download ends, with bytes and rows counted, and the row being read stays when the rest arrives`, async ({ page }) => {
    // A result served in two parts: the second only once the page shows the first rows.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { type, head, tail } = twoParts(format);
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
      response.write(head);
      void released.then(() => response.end(tail));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const jobUrl = await createJob({ QUERY: quickQuery(1), PHASE: 'RUN' });
    try {
      await waitForServerPhase(jobUrl, ['COMPLETED']);
      await page.context().route(
        (url) => url.href === jobUrl || url.href.startsWith(`${jobUrl}?`),
        async (route) => {
          const response = await route.fetch();
          const xml = (await response.text()).replace(/xlink:href="[^"]*\/results\/result"/, `xlink:href="http://127.0.0.1:${port}/slow"`);
          await route.fulfill({ response, body: xml });
        },
      );
      await page.goto(jobPageUrl(jobUrl));
      const results = page.getByTestId('results-view');
      const first = results.getByTestId('first-rows');
      await expect(first).toContainText(format === 'csv' ? 'The first 1,000 rows while the rest arrives' : /The first [\d,]+ rows while the rest arrives/);
      await expect(first.getByRole('grid').getByRole('row').nth(1).getByRole('gridcell').nth(1)).toHaveText('star 0');
      await expect(results.getByTestId('result-loading')).toContainText(/Downloaded [\d.]+ kB · [\d,]+ rows read/);
      if (format !== 'csv') {
        // VOTable rows show as they decode: all the rows that arrived (some 3,000 here), not a fixed first few.
        await expect(first).toContainText(/The first [2-4],\d{3} rows/);
      }
      await expect(results.getByTestId('row-count')).toHaveCount(0);

      // The user reads on, far down the first rows: one of them clicked, then one down with the keyboard.
      const reading = format === 'csv' ? 500 : 2000;
      const grid = results.getByRole('grid');
      await grid.evaluate((element, row) => (element.scrollTop = row * 24), reading - 5);
      await grid.locator(`[role="row"][aria-rowindex="${reading + 1}"] [role="gridcell"]`).nth(1).click();
      await page.keyboard.press('ArrowDown');
      const row = grid.locator(`[role="row"][aria-rowindex="${reading + 2}"]`);
      await expect(row.getByRole('gridcell').nth(1)).toHaveText(`star ${reading}`);
      await expect(grid).toHaveAttribute('aria-activedescendant', new RegExp(`-r${reading}-c1$`));
      const scrollTop = await grid.evaluate((element) => element.scrollTop);

      release();
      await expect(results.getByTestId('row-count')).toHaveText('5,000 rows');
      await expect(results.getByTestId('first-rows')).toHaveCount(0);
      // The same row in view, the same cell active, the grid still focused: nothing went back to the top.
      await expect(grid).toHaveAttribute('aria-rowcount', '5001');
      await expect(row.getByRole('gridcell').nth(1)).toHaveText(`star ${reading}`);
      await expect(row).toBeInViewport();
      await expect(grid).toBeFocused();
      await expect(grid).toHaveAttribute('aria-activedescendant', new RegExp(`-r${reading}-c1$`));
      expect(await grid.evaluate((element) => element.scrollTop)).toBe(scrollTop);
    } finally {
      release();
      await new Promise((resolve) => server.close(resolve));
      await deleteJob(jobUrl);
    }
  });
}

test('a result beyond the size limit waits for Load, and a loaded one shows at once on return', async ({ page }) => {
  await page.addInitScript(([key]) => localStorage.setItem(key!, '2000'), [LIMIT_KEY]);
  const jobUrl = await createJob({ QUERY: quickQuery(200), PHASE: 'RUN' });
  try {
    await waitForServerPhase(jobUrl, ['COMPLETED']);
    let resultRequests = 0;
    await page.context().route(
      (url) => url.href.startsWith(`${jobUrl}/results/result`),
      async (route) => {
        resultRequests++;
        await route.continue();
      },
    );
    await page.goto(jobPageUrl(jobUrl));
    const results = page.getByTestId('results-view');
    const gate = results.getByTestId('size-gate');
    await expect(gate).toContainText(/This result is [\d.]+ kB, more than the 2\.0 kB that load by themselves/);
    await expect(results.getByRole('grid')).toHaveCount(0);
    await gate.getByRole('button', { name: 'Load result' }).click();
    await expect(results.getByTestId('row-count')).toHaveText('200 rows');
    const requestsAfterLoad = resultRequests;

    // Away to the job list and back: the table is there at once, not fetched again.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\?/);
    await expect(page.getByTestId('results-view')).toHaveCount(0);
    await page.goBack();
    await expect(page.getByTestId('results-view').getByTestId('row-count')).toHaveText('200 rows', { timeout: 2000 });
    expect(resultRequests).toBe(requestsAfterLoad);
  } finally {
    await deleteJob(jobUrl);
  }
});
