import { expect, test, type Page } from '@playwright/test';
import { freshStart } from '../helpers/demo';
import { deleteJob, jobUrlOnPage, mustReadJob, phaseOnPage, readJob, waitForServerPhase } from '../helpers/jobs';

// The whole journey, with a demo shared by parallel tests that may queue jobs for a while.
test.setTimeout(240_000);

/** Start a query from one of the service's examples, as someone who knows no table of it would. */
async function submitExample(page: Page, example: string, runAtOnce: boolean, edit?: (query: string) => string): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'New query' }).click();
  await expect(page.getByRole('heading', { name: 'New query on uws-desk demo' })).toBeVisible();
  await page.getByLabel('Examples').selectOption({ label: example });
  const editor = page.getByLabel('ADQL query');
  await expect(editor).toHaveText(/^SELECT /);
  // What the service says about its example is shown beside it.
  await expect(page.getByTestId('example-description')).toContainText(`${example}:`);
  if (edit) await editor.fill(edit(await editor.innerText()));
  // The form keeps the last choice of when to run, like the rest of the draft.
  await page.getByLabel(runAtOnce ? 'Run at once' : /Leave it PENDING/).check();
  await page.getByRole('button', { name: runAtOnce ? 'Submit and run' : 'Create job' }).click();
  await expect(page).toHaveURL(/\/job\?/);
  return jobUrlOnPage(page);
}

test('a first visit: submit an example, change it, watch it run, read its results, abort another, delete both', async ({ page }) => {
  await freshStart(page);
  await page.reload();
  const made: string[] = [];
  try {
    // 1. Submit, left PENDING so that its duration can still be changed.
    const first = await submitExample(page, 'Brightest stars', false);
    made.push(first);
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'PENDING');

    // 2. Change its execution duration: the service's own maximum is offered.
    await page.getByRole('button', { name: 'Maximum (1 h)' }).click();
    await expect(page.getByText('The server now holds an execution duration of 3600 s (1 h).')).toBeVisible();
    await expect(page.getByTestId('execution-duration')).toHaveText('3600 s (1 h)');
    expect((await mustReadJob(first)).executionDuration).toBe(3600);

    // 3. Delay its destruction by a day.
    const before = (await mustReadJob(first)).destruction!;
    await page.getByRole('group', { name: 'Delay destruction by' }).getByRole('button', { name: '+1 day' }).click();
    await expect(page.locator('[data-outcome="done"]').filter({ hasText: 'destruction' })).toBeVisible();
    const after = (await mustReadJob(first)).destruction!;
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);

    // 4. Run it and watch it finish; the page follows on its own.
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The server started the job' })).toBeVisible();
    await waitForServerPhase(first, ['COMPLETED'], 120_000);
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'COMPLETED');

    // 5. Its results: ten rows in the grid.
    const results = page.getByTestId('results-view');
    await expect(results.getByTestId('row-count')).toHaveText('10 rows');
    await expect(results.getByRole('grid').getByRole('row')).toHaveCount(11);

    // 6. Another one, a slow query, aborted while it runs (or waits its turn).
    // The example sleeps 5 s; a minute leaves time to abort it however busy the demo is.
    const second = await submitExample(page, 'A slow query', true, (q) => q.replace(/demo_sleep\(\d+\)/, 'demo_sleep(60)'));
    made.push(second);
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', /QUEUED|EXECUTING/);
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Abort job' }).click();
    await expect(phaseOnPage(page)).toHaveAttribute('data-phase', 'ABORTED');
    expect((await mustReadJob(second)).phase).toBe('ABORTED');

    // 7. Delete both: this one from its page, the first one from the list.
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete job' }).click();
    await expect(page).toHaveURL(/\/jobs\?/);
    const secondId = second.split('/').pop()!;
    await expect(page.getByRole('status').filter({ hasText: `Job ${secondId} was deleted.` })).toBeVisible();
    expect(await readJob(second)).toBeNull();

    const firstId = first.split('/').pop()!;
    await page.getByLabel('Search id, run id or query').fill(firstId);
    await page.getByRole('link', { name: firstId, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Job ${firstId}` })).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete job' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Job ${firstId} was deleted.` })).toBeVisible();
    expect(await readJob(first)).toBeNull();
    await expect(page.getByRole('link', { name: firstId, exact: true })).toHaveCount(0);
  } finally {
    for (const url of made) await deleteJob(url);
  }
});
