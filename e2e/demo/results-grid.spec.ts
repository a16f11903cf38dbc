import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, quickQuery, waitForServerPhase } from '../helpers/jobs';

/** demo.numbers holds the integers 1 to 1 000 000. */
const MILLION = 1_000_000;

test.describe('the result grid', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a million-row BINARY2 result scrolls to its last row, sorts and downloads as CSV', async ({ page }) => {
    const jobUrl = await createJob({ QUERY: 'SELECT n FROM demo.numbers', MAXREC: MILLION, RESPONSEFORMAT: 'votable/b2', PHASE: 'RUN' });
    try {
      await waitForServerPhase(jobUrl, ['COMPLETED'], 120_000);
      await page.goto(jobPageUrl(jobUrl));
      const results = page.getByTestId('results-view');
      await expect(results.getByTestId('row-count')).toHaveText('1,000,000 rows', { timeout: 90_000 });

      const grid = results.getByRole('grid');
      await expect(grid).toHaveAttribute('aria-rowcount', String(MILLION + 1));
      // Only a window of rows is in the page, however long the table.
      expect(await grid.getByRole('row').count()).toBeLessThan(80);

      // Scrolling far down with the mouse wheel and the scrollbar draws the rows of each position
      // (how long the main thread is busy meanwhile is measured by the benchmarks, not asserted here).
      await grid.hover();
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 2000);
      const firstShown = async () => Number(await grid.getByRole('rowheader').first().textContent());
      for (const share of [0.25, 0.5, 0.9]) {
        await grid.evaluate((element, f) => element.scrollTo({ top: (element.scrollHeight - element.clientHeight) * f }), share);
        // The rows drawn follow the scroll position on the next frame.
        await expect.poll(firstShown).toBeGreaterThan(share * MILLION - 20_000);
      }

      // To the end by keyboard: the last row is there, with its exact value.
      await grid.focus();
      await page.keyboard.press('Control+End');
      const lastRow = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(MILLION), exact: true }) });
      await expect(lastRow.getByRole('gridcell')).toHaveText(String(MILLION));
      await expect(grid.getByRole('row')).not.toHaveCount(0);
      expect(await grid.getByRole('row').count()).toBeLessThan(80);

      // Back to the top by scrolling, then sort descending: the largest number comes first.
      await grid.evaluate((element) => element.scrollTo({ top: 0 }));
      await page.keyboard.press('Control+Home');
      const header = grid.getByRole('columnheader', { name: /^n/ });
      await header.getByRole('button', { name: /^n/ }).click();
      await expect(header).toHaveAttribute('aria-sort', 'ascending');
      await header.getByRole('button', { name: /^n/ }).click();
      await expect(header).toHaveAttribute('aria-sort', 'descending');
      const firstRow = grid.getByRole('row').nth(1);
      await expect(firstRow.getByRole('gridcell')).toHaveText(String(MILLION));
      await expect(grid.getByRole('row').nth(2).getByRole('gridcell')).toHaveText(String(MILLION - 1));

      // The CSV holds every row, in the order shown, exactly.
      const downloading = page.waitForEvent('download');
      await results.getByRole('button', { name: 'Export as CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/-result\.csv$/);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.split('\r\n');
      expect(lines.length).toBe(MILLION + 2);
      expect(lines.slice(0, 4)).toEqual(['n', '1000000', '999999', '999998']);
      expect(lines.at(-2)).toBe('1');
      expect(lines.at(-1)).toBe('');
    } finally {
      await deleteJob(jobUrl);
    }
  });

  test('a result cut by MAXREC says so', async ({ page }) => {
    const jobUrl = await createJob({ QUERY: 'SELECT n FROM demo.numbers', MAXREC: 1000, PHASE: 'RUN' });
    try {
      await waitForServerPhase(jobUrl, ['COMPLETED']);
      await page.goto(jobPageUrl(jobUrl));
      const results = page.getByTestId('results-view');
      await expect(results.getByTestId('row-count')).toHaveText('1,000 rows');
      await expect(results.getByText('The service stopped at 1,000 rows (MAXREC). Raise MAXREC and run again to get more.')).toBeVisible();
    } finally {
      await deleteJob(jobUrl);
    }
  });

  test('column details open with a click or Enter, the headers are one tab stop, and the result view has no serious accessibility violations', async ({ page }) => {
    const jobUrl = await createJob({ QUERY: quickQuery(20), PHASE: 'RUN' });
    try {
      await waitForServerPhase(jobUrl, ['COMPLETED']);
      await page.goto(jobPageUrl(jobUrl));
      const results = page.getByTestId('results-view');
      await expect(results.getByTestId('row-count')).toHaveText('20 rows');
      const info = results.getByRole('button', { name: 'About column ra' });
      const tip = results.getByRole('group', { name: 'Column ra' });
      await info.click();
      await expect(tip).toContainText('deg');
      await expect(tip).toContainText('pos.eq.ra');
      await info.click();
      await expect(tip).toHaveCount(0);
      await info.click();
      await results.getByTestId('row-count').click();
      await expect(tip, 'a click outside closes').toHaveCount(0);

      // One tab stop for all headers: from the grid, Tab reaches the header button used last, then leaves the headers.
      const grid = results.getByRole('grid');
      await grid.focus();
      await page.keyboard.press('Tab');
      await expect(page.locator(':focus')).toHaveAttribute('aria-label', 'About column ra');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="columnheader"]'))).toBe(false);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Home');
      await expect(page.locator(':focus')).toHaveAttribute('title', 'Sort by id');
      for (const expected of ['About column id', 'Sort by designation', 'About column designation', 'Sort by ra', 'About column ra']) {
        await page.keyboard.press('ArrowRight');
        await expect(page.locator(':focus')).toHaveAttribute(expected.startsWith('Sort') ? 'title' : 'aria-label', expected);
      }
      await page.keyboard.press('Enter');
      await expect(tip).toContainText('pos.eq.ra');
      const axe = await new AxeBuilder({ page })
        .include('[data-testid="results-view"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(tip).toHaveCount(0);
    } finally {
      await deleteJob(jobUrl);
    }
  });
});
