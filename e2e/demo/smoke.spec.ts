import { expect, test } from '@playwright/test';
import { DEMO, freshStart } from '../helpers/demo';

test('a first visit opens on the demo service, which is up', async ({ page }) => {
  await freshStart(page);
  await page.reload();
  const picker = page.getByLabel('Service', { exact: true });
  await expect(picker).toBeVisible();
  await expect(picker).toHaveValue(DEMO);
  await expect(picker.locator('option:checked')).toHaveText('uws-desk demo');
  await expect(page.getByRole('heading', { name: 'uws-desk demo' })).toBeVisible();
  await expect(page.getByTestId('availability')).toContainText('Available');
  await expect(page).toHaveTitle(/uws-desk/);
});
