import { expect, test } from '@playwright/test';
import { DEMO_AUTH, freshStart } from '../helpers/demo';

test.beforeEach(async ({ page }) => {
  await freshStart(page);
  await page.reload();
});

test('a mistyped service URL is refused with the reason, and nothing is added', async ({ page }) => {
  const form = page.getByRole('form', { name: 'Add a TAP service' });
  await form.getByLabel('TAP service URL').fill('archive.example.org/tap');
  await form.getByRole('button', { name: 'Add service' }).click();
  await expect(form.getByText(/is not a URL/)).toBeVisible();
  await form.getByLabel('TAP service URL').fill('ftp://archive.example.org/tap');
  await form.getByRole('button', { name: 'Add service' }).click();
  await expect(form.getByText(/must start with http:\/\/ or https:\/\//)).toBeVisible();
  await expect(page.getByRole('radiogroup').getByRole('radio')).toHaveCount(3);
});

test('a custom service is remembered after a reload and shows its availability and capabilities', async ({ page }) => {
  const form = page.getByRole('form', { name: 'Add a TAP service' });
  // Pasted as users find it on archive pages: with the /async suffix and a trailing slash.
  await form.getByLabel('TAP service URL').fill(`${DEMO_AUTH}/async/`);
  await form.getByLabel(/Name/).fill('Team archive');
  await form.getByRole('button', { name: 'Add service' }).click();

  await expect(page).toHaveURL(new RegExp(`service=${encodeURIComponent(DEMO_AUTH)}`));
  await expect(page.getByRole('heading', { name: 'Team archive' })).toBeVisible();
  await expect(page.getByText(DEMO_AUTH, { exact: true }).first()).toBeVisible();

  await page.reload();
  await expect(page.getByRole('radio', { name: /Team archive/ })).toBeChecked();
  await expect(page.getByTestId('availability')).toContainText('Available');
  const caps = page.getByTestId('capabilities');
  await expect(caps).toContainText('Execution duration');
  await expect(caps).toContainText('ADQL');
  await expect(caps).toContainText('Output formats');

  // Still there in a new page of the same browser profile.
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByRole('radio', { name: /Team archive/ })).toBeVisible();
  await other.close();
});

test('a custom service can be removed again, after confirmation', async ({ page }) => {
  const form = page.getByRole('form', { name: 'Add a TAP service' });
  await form.getByLabel('TAP service URL').fill('https://tap.example.invalid/tap');
  await form.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('radio', { name: /tap\.example\.invalid/ })).toBeChecked();
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove service' }).click();
  await expect(page.getByRole('radio', { name: /tap\.example\.invalid/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('radio', { name: /tap\.example\.invalid/ })).toHaveCount(0);
});
