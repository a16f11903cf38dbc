import { expect, test } from '@playwright/test';
import {
  DEMO,
  createJob,
  deleteJobs,
  freshStart,
  jobPhase,
  listedJobIds,
  sleepQuery,
  uniqueTag,
  waitForPhase,
} from '../helpers/demo';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
});

test('three jobs selected with a shift-click are deleted after confirmation, each with its outcome', async ({ page, request }) => {
  const tag = uniqueTag('bulk-del');
  const created = [];
  for (let i = 0; i < 3; i++) created.push(await createJob(request, DEMO, { runId: `${tag}-${i}` }));

  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  const table = page.getByTestId('job-rows');
  await expect(table.getByRole('row')).toHaveCount(3);

  const newest = created[2]!;
  const oldest = created[0]!;
  await page.getByRole('checkbox', { name: `Select job ${newest.jobId}` }).click();
  await page.getByRole('checkbox', { name: `Select job ${oldest.jobId}` }).click({ modifiers: ['Shift'] });
  for (const j of created) await expect(page.getByRole('checkbox', { name: `Select job ${j.jobId}` })).toBeChecked();
  await expect(page.getByText('3 selected')).toBeVisible();

  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete jobs' });
  await expect(dialog).toContainText('Delete 3 jobs?');
  await expect(dialog).toContainText('cannot be undone');
  // Nothing is sent before the user confirms.
  expect(await jobPhase(request, newest.jobUrl)).toBe('PENDING');

  await dialog.getByRole('button', { name: 'Delete 3 jobs' }).click();
  await expect(dialog).toContainText('Finished: 3 succeeded, 0 failed, 0 skipped.');
  const outcomes = dialog.getByRole('list', { name: 'Outcome per job' }).getByRole('listitem');
  await expect(outcomes).toHaveCount(3);
  for (const j of created) await expect(outcomes.filter({ hasText: j.jobId })).toContainText('Deleted.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(table.getByRole('row')).toHaveText(['No job matches these filters.']);
  await expect(page.getByText('0 jobs listed')).toBeVisible();
  const listed = await listedJobIds(request, DEMO);
  for (const j of created) {
    expect(listed).not.toContain(j.jobId);
    expect(await jobPhase(request, j.jobUrl)).toBeNull();
  }
});

test('cancelling the confirmation leaves the jobs alone', async ({ page, request }) => {
  const tag = uniqueTag('bulk-cancel');
  const job = await createJob(request, DEMO, { runId: tag });
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  await page.getByRole('checkbox', { name: 'Select all listed jobs' }).check();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(await jobPhase(request, job.jobUrl)).toBe('PENDING');
  await deleteJobs(request, [job.jobUrl]);
});

test('running jobs are aborted in one go; finished ones are skipped and said so', async ({ page, request }) => {
  const tag = uniqueTag('bulk-abort');
  const running = await createJob(request, DEMO, { runId: `${tag}-run`, query: sleepQuery(120), run: true });
  const finished = await createJob(request, DEMO, { runId: `${tag}-done`, run: true });
  await waitForPhase(request, running.jobUrl, ['EXECUTING', 'QUEUED']);
  await waitForPhase(request, finished.jobUrl, ['COMPLETED']);

  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  await expect(page.getByTestId('job-rows').getByRole('row')).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all listed jobs' }).check();
  await page.getByRole('button', { name: 'Abort…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Abort jobs' });
  await dialog.getByRole('button', { name: 'Abort 2 jobs' }).click();
  await expect(dialog).toContainText('Finished: 1 succeeded, 0 failed, 1 skipped.');
  await expect(dialog.getByRole('listitem').filter({ hasText: finished.jobId })).toContainText('Already finished');
  await dialog.getByRole('button', { name: 'Close' }).click();

  expect(await jobPhase(request, running.jobUrl)).toBe('ABORTED');
  expect(await jobPhase(request, finished.jobUrl)).toBe('COMPLETED');
  await expect(page.getByTestId('job-rows').getByRole('row').filter({ hasText: running.jobId })).toContainText('Aborted');
  await deleteJobs(request, [running.jobUrl, finished.jobUrl]);
});

test('destruction is extended on selected jobs and the outcome shows what the service set', async ({ page, request }) => {
  const tag = uniqueTag('bulk-dest');
  const job = await createJob(request, DEMO, { runId: tag });
  await page.goto(`/jobs?service=${encodeURIComponent(DEMO)}&q=${tag}`);
  await page.getByRole('checkbox', { name: `Select job ${job.jobId}` }).check();
  await page.getByRole('button', { name: 'Extend destruction…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Extend destruction time' });
  const before = new Date((await (await request.get(`${job.jobUrl}/destruction`)).text()).trim());
  await dialog.getByLabel('Days to add').fill('3');
  await dialog.getByRole('button', { name: 'Extend 1 job' }).click();
  await expect(dialog).toContainText('Finished: 1 succeeded');
  await expect(dialog.getByRole('listitem')).toContainText('Destruction now');

  const res = await request.get(`${job.jobUrl}/destruction`);
  const held = new Date((await res.text()).trim());
  // Three days added to the job's own date (services keep destruction to the second).
  expect(Math.abs(held.getTime() - before.getTime() - 3 * 86_400_000)).toBeLessThan(1000);
  await deleteJobs(request, [job.jobUrl]);
});
