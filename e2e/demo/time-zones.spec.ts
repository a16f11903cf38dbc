import { expect, test } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, mustReadJob, quickQuery } from '../helpers/jobs';

// A user in Santiago with a British locale: times labelled UTC must read as UTC, in one format,
// and the local wall-clock time must be shown beside them.
test.use({ timezoneId: 'America/Santiago', locale: 'en-GB' });

const utcField = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function santiago(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Santiago',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

test('a job’s times are UTC in one format, with the local wall-clock time beside them', async ({ page }) => {
  const jobUrl = await createJob({ QUERY: quickQuery(1) });
  try {
    const job = await mustReadJob(jobUrl);
    await page.goto(jobPageUrl(jobUrl));

    const destruction = job.destruction!;
    await expect(page.getByTestId('destruction')).toHaveText(`${destruction.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
    await expect(page.getByTestId('destruction-local')).toContainText(`${santiago(destruction)} America/Santiago (GMT-0`);

    // The field is written as the display is, not in the browser's locale format.
    const field = page.getByLabel('Destruction (UTC)');
    await expect(field).toHaveValue(utcField(destruction));
    await expect(field).toHaveAttribute('placeholder', 'YYYY-MM-DD HH:MM');

    await field.fill('2026-02-30 10:00');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Write it as YYYY-MM-DD HH:MM (UTC)')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Set destruction' })).toBeDisabled();

    const wanted = new Date(destruction.getTime() + 2 * 24 * 3600 * 1000);
    wanted.setUTCSeconds(0, 0);
    await field.fill(utcField(wanted));
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Set destruction' }).click();
    await expect(page.getByTestId('destruction')).toHaveText(`${utcField(wanted)}:00 UTC`);
    expect((await mustReadJob(jobUrl)).destruction!.getTime()).toBe(wanted.getTime());
  } finally {
    await deleteJob(jobUrl);
  }
});

test('the new-query form takes its destruction time in the same UTC format', async ({ page }) => {
  await page.goto('/submit');
  const field = page.getByLabel('Destruction (UTC)');
  await expect(field).toHaveAttribute('placeholder', 'YYYY-MM-DD HH:MM');
  await expect(field).toHaveAttribute('type', 'text');
});
