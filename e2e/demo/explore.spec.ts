import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { parseVotable } from '../../src/protocol/votable/parse-votable';
import { createJob, deleteJob, jobPageUrl, quickQuery, waitForServerPhase } from '../helpers/jobs';

/** demo.stars holds 100 000 stars spread over the whole sky. */
const ROWS = 100_000;

test.describe.configure({ timeout: 180_000 });

/** The number N in the grid's "Showing N of 100,000 rows" line. */
async function shownCount(status: Locator): Promise<number> {
  const text = (await status.textContent()) ?? '';
  const match = /Showing ([\d,]+) of 100,000 rows/.exec(text);
  expect(match, `status line: ${text}`).not.toBeNull();
  return Number(match![1]!.replace(/,/g, ''));
}

/**
 * Shift and drag a loop over the canvas, as a hand does: regl-scatterplot's lasso.
 *
 * The plot takes a lasso point at most every 10 ms (lassoMinDelay) and only
 * 3 px or more from the last (lassoMinDist), so the pointer moves in small
 * steps with a pause between them. The loop closes exactly where it began,
 * the case where the release is also a click on the spot of the press (which
 * on its own would pick the one nearest point).
 */
async function lasso(page: Page, canvas: Locator, corners: [number, number][]) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  expect(box, 'the plot has a size on the page').not.toBeNull();
  const at = ([fx, fy]: [number, number]) => [box!.x + box!.width * fx, box!.y + box!.height * fy] as const;
  const path = [...corners, corners[0]!];
  const [x0, y0] = at(path[0]!);
  await page.mouse.move(x0, y0);
  await page.keyboard.down('Shift');
  await page.mouse.down();
  for (let leg = 1; leg < path.length; leg++) {
    const [ax, ay] = at(path[leg - 1]!);
    const [bx, by] = at(path[leg]!);
    for (let step = 1; step <= 16; step++) {
      const t = step / 16;
      await page.mouse.move(ax + (bx - ax) * t, ay + (by - ay) * t);
      await page.waitForTimeout(20);
    }
  }
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

// Under the built app's own Content-Security-Policy (proxy/app-headers.ts), which allows regl's compiled draw calls.
test('a 100 000-row result is explored: sky plot with a lasso that narrows the grid, histogram, statistics, and a filter whose rows download as CSV and VOTable', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(ROWS), MAXREC: ROWS, RESPONSEFORMAT: 'votable/b2', PHASE: 'RUN' });
  try {
    await waitForServerPhase(jobUrl, ['COMPLETED'], 120_000);
    await page.goto(jobPageUrl(jobUrl));
    const results = page.getByTestId('results-view');
    await expect(results.getByTestId('row-count')).toHaveText('100,000 rows', { timeout: 90_000 });
    const explore = results.getByRole('region', { name: 'Explore the table' });
    const status = results.getByRole('status').filter({ hasText: /^Showing / });

    // ra and dec are found, so the sky opens first, every star drawn.
    await expect(explore.getByRole('button', { name: 'Sky', pressed: true })).toBeVisible();
    const sky = explore.getByRole('img', { name: /^All-sky map: 100,000 points/ });
    await expect(sky).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(status).toHaveCount(0);

    // A lasso round the middle of the map keeps part of the stars, and the grid shows only those.
    await lasso(page, sky, [
      [0.4, 0.3],
      [0.6, 0.3],
      [0.6, 0.7],
      [0.4, 0.7],
    ]);
    await expect(status).toContainText('rows chosen in the plot');
    await expect.poll(() => shownCount(status)).toBeGreaterThan(100);
    const chosen = await shownCount(status);
    expect(chosen).toBeLessThan(ROWS);
    const grid = results.getByRole('grid');
    await expect(grid).toHaveAttribute('aria-rowcount', String(chosen + 1));
    await expect(explore.getByText(`${chosen.toLocaleString('en')} rows chosen in the plot; the table shows only them.`)).toBeVisible();

    // The statistics are those of the chosen rows, and say so.
    await explore.getByRole('button', { name: 'Statistics' }).click();
    await explore.getByLabel('Column').selectOption('mag');
    const chosenStats = explore.getByRole('table', { name: 'Statistics of mag' });
    await expect(chosenStats.getByRole('row', { name: /^Count/ }).getByRole('cell')).toHaveText(String(chosen));
    await expect(explore.getByText(`Over the ${chosen.toLocaleString('en')} rows chosen in the plot (of 100,000).`)).toBeVisible();

    await explore.getByRole('button', { name: 'Show all rows again' }).click();
    await expect(status).toHaveCount(0);
    await expect(grid).toHaveAttribute('aria-rowcount', String(ROWS + 1));

    // The histogram of mag, with every value in it.
    await explore.getByRole('button', { name: 'Histogram' }).click();
    await explore.getByLabel('Column').selectOption('mag');
    await expect(explore.getByRole('img', { name: 'Histogram of mag: 100000 values in 50 bins' })).toBeVisible();
    await explore.getByRole('spinbutton', { name: 'Bins' }).fill('20');
    await expect(explore.getByRole('img', { name: 'Histogram of mag: 100000 values in 20 bins' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The statistics of mag: the demo's magnitudes are drawn around 15.
    await explore.getByRole('button', { name: 'Statistics' }).click();
    await explore.getByLabel('Column').selectOption('mag');
    const stats = explore.getByRole('table', { name: 'Statistics of mag' });
    await expect(stats.getByRole('row', { name: /^Count/ }).getByRole('cell')).toHaveText('100000');
    await expect(stats.getByRole('row', { name: /^Nulls/ }).getByRole('cell')).toHaveText('0');
    const mean = Number(await stats.getByRole('row', { name: /^Mean/ }).getByRole('cell').textContent());
    expect(mean).toBeGreaterThan(14);
    expect(mean).toBeLessThan(16);
    const median = Number(await stats.getByRole('row', { name: /^Median/ }).getByRole('cell').textContent());
    expect(Math.abs(median - mean)).toBeLessThan(0.5);
    const std = Number(await stats.getByRole('row', { name: /^Standard deviation/ }).getByRole('cell').textContent());
    expect(std).toBeGreaterThan(1);
    expect(std).toBeLessThan(3);
    await expectNoSeriousA11yViolations(page);

    // A filter: only the bright stars stay in the grid.
    await explore.getByLabel('Keep rows where').fill('mag < 12');
    await explore.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(status).toContainText('rows pass the filter');
    const bright = await shownCount(status);
    expect(bright).toBeGreaterThan(0);
    expect(bright).toBeLessThan(ROWS / 10);
    await expect(explore.getByText(`${bright.toLocaleString('en')} rows pass the filter.`)).toBeVisible();
    await expect(grid).toHaveAttribute('aria-rowcount', String(bright + 1));

    // The CSV holds exactly the filtered rows.
    const downloading = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Export as CSV' }).click();
    const download = await downloading;
    const lines = (await readFile(await download.path(), 'utf8')).split('\r\n');
    expect(lines[0]).toBe('id,designation,ra,dec,mag');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(bright);
    expect(rows.filter((row) => !(Number(row.split(',')[4]) < 12)), 'rows of the CSV with mag 12 or more').toEqual([]);

    // So does the VOTable, with its columns described as the service described them.
    const votableDownload = page.waitForEvent('download');
    await results.getByRole('button', { name: 'Export as VOTable' }).click();
    const saved = await votableDownload;
    expect(saved.suggestedFilename()).toMatch(/\.vot$/);
    const exported = parseVotable(await readFile(await saved.path()));
    const table = exported.tables[0]!;
    expect(table.fields.map((f) => f.name)).toEqual(['id', 'designation', 'ra', 'dec', 'mag']);
    expect(table.fields[2]!.ucd).toMatch(/pos\.eq\.ra/);
    expect(table.rowCount).toBe(bright);
    const mags = Array.from({ length: table.rowCount }, (_, row) => table.cell(row, 4));
    expect(mags.filter((mag) => !(typeof mag === 'number' && mag < 12)), 'rows of the VOTable with mag 12 or more').toEqual([]);
    expect(table.cell(0, 0)).toBe(Number(rows[0]!.split(',')[0]));

    // A mistake in the filter is pointed at and keeps the rows shown.
    await explore.getByLabel('Keep rows where').fill('mag <');
    await explore.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(explore.getByLabel('Keep rows where')).toHaveAttribute('aria-invalid', 'true');
    await expect(grid).toHaveAttribute('aria-rowcount', String(bright + 1));

    await explore.getByRole('button', { name: 'Sky' }).click();
    await expect(explore.getByRole('img', { name: /^All-sky map: / })).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expectNoSeriousA11yViolations(page);
  } finally {
    await deleteJob(jobUrl);
  }
});
