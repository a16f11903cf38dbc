import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../helpers/axe';
import { createJob, deleteJob, jobPageUrl, quickQuery, waitForServerPhase } from '../helpers/jobs';
import { SAMP_SKIP_REASON, highlightFromAnotherTool, sampPeersPresent, startHubAndListener, type Listener } from '../helpers/samp-peer';

test.describe.configure({ mode: 'serial' });
test.skip(!sampPeersPresent(), SAMP_SKIP_REASON);
test.setTimeout(150_000);

let listener: Listener;
test.beforeAll(async () => {
  listener = await startHubAndListener();
});
test.afterAll(() => listener?.stop());

test('a result goes to TOPCAT over SAMP with its rows and columns, and a row picked in the grid is highlighted there', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(7), PHASE: 'RUN' });
  try {
    await waitForServerPhase(jobUrl, ['COMPLETED']);
    await page.goto(jobPageUrl(jobUrl));
    const samp = page.getByRole('region', { name: 'Send to a VO tool (SAMP)' });
    await samp.getByRole('button', { name: 'Connect' }).click();
    await expect(samp.getByText(/On the hub: .*topcat/)).toBeVisible();

    await samp.getByRole('button', { name: 'Send to topcat' }).click();
    await expect(samp.getByText(/Loaded by topcat/)).toBeVisible();
    const loads = listener.messages().filter((m) => m.mtype === 'table.load.votable');
    expect(loads).toHaveLength(1);
    expect(loads[0]!.sender_name).toBe('uws-desk');
    expect(loads[0]!.votable?.rows).toBe(7);
    expect(loads[0]!.votable?.columns).toEqual(['id', 'designation', 'ra', 'dec', 'mag']);

    // Picking a row in the grid highlights it in the tool that loaded the table (rows count from 0).
    const grid = page.getByTestId('results-view').getByRole('grid');
    const third = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await third.getByRole('gridcell').first().click();
    await expect(third).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => listener.messages().filter((m) => m.mtype === 'table.highlight.row').map((m) => m.params.row)).toEqual(['2']);
    const highlight = listener.messages().find((m) => m.mtype === 'table.highlight.row')!;
    expect(highlight.sender_name).toBe('uws-desk');
    // The same table the tool loaded: its URL and the table-id it was given.
    expect(highlight.params.url).toBe(loads[0]!.params.url);
    expect(highlight.params['table-id']).toBe(loads[0]!.params['table-id']);

    // Arrow keys through four rows tell the tool once, of the row where the cursor stops.
    await grid.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    const seventh = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '7', exact: true }) });
    await expect(seventh).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => listener.messages().filter((m) => m.mtype === 'table.highlight.row').map((m) => m.params.row)).toEqual(['2', '6']);
    await page.waitForTimeout(1000);
    expect(listener.messages().filter((m) => m.mtype === 'table.highlight.row')).toHaveLength(2);
    await expectNoSeriousA11yViolations(page);

    // Another tool highlights a row the filter hides: the page says so and keeps its own pick.
    const explore = page.getByRole('region', { name: 'Explore the table' });
    await explore.getByLabel('Keep rows where').fill('id <= 2');
    await explore.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(grid).toHaveAttribute('aria-rowcount', '3');
    const table = { tableId: String(loads[0]!.params['table-id']), url: String(loads[0]!.params.url) };
    highlightFromAnotherTool('aladin', table, 5);
    await expect(page.getByRole('status').filter({ hasText: 'aladin highlighted row 6, which is not among the rows shown here' })).toBeVisible();
    // A row it highlights that is shown is picked here, and not sent back to it.
    highlightFromAnotherTool('aladin', table, 1);
    const second = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
    await expect(second).toHaveAttribute('aria-selected', 'true');
    await page.waitForTimeout(1000);
    expect(listener.messages().filter((m) => m.mtype === 'table.highlight.row' && m.sender_name === 'uws-desk')).toHaveLength(2);
  } finally {
    await deleteJob(jobUrl);
  }
});
