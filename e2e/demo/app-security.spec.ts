import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createJob, deleteJob, jobPageUrl, quickQuery, submitPageUrl, waitForServerPhase } from '../helpers/jobs';

/**
 * The built app under its own Content-Security-Policy (the suite serves the production
 * build): every screen works, the results still decode in a Web Worker, and the browser
 * reports no violation.
 */
test.setTimeout(150_000);

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

function watchViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  void page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations?.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

async function violationsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations ?? []);
}

test('the app is served with its security headers', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).toContain("worker-src 'self' blob:");
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('every screen works under the policy, the results grid decoding in its worker', async ({ page }) => {
  const problems = watchViolations(page);
  const jobUrl = await createJob({ QUERY: quickQuery(5), PHASE: 'RUN' });
  try {
    await page.goto('/');
    await expect(page.getByTestId('availability')).toContainText('Available');
    await page.goto(submitPageUrl());
    await expect(page.getByRole('button', { name: /Submit/ }).first()).toBeVisible();
    await page.goto('/jobs');
    await expect(page.getByTestId('job-count')).toBeVisible();

    await waitForServerPhase(jobUrl, ['COMPLETED']);
    await page.goto(jobPageUrl(jobUrl));
    await expect(page.getByTestId('results-view').getByText(/DEMO J\d+/).first()).toBeVisible();
    expect(await violationsOn(page)).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await deleteJob(jobUrl);
  }
});

test('another site cannot frame the app', async ({ page, baseURL }) => {
  // Another origin on the same machine.
  const framing = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<h1>elsewhere</h1><iframe id="app" width="800" height="600" src="${baseURL}/jobs"></iframe>`);
  });
  await new Promise<void>((resolve) => framing.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://localhost:${(framing.address() as AddressInfo).port}/`);
    await expect(page.getByRole('heading', { name: 'elsewhere' })).toBeVisible();
    await page.waitForTimeout(2000);
    await expect(page.frameLocator('#app').getByTestId('job-count')).toHaveCount(0);
  } finally {
    framing.closeAllConnections();
    framing.close();
  }
});

test('the app itself may frame its own pages', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'self';
    frame.src = '/jobs';
    document.body.append(frame);
  });
  await expect(page.frameLocator('#self').getByTestId('job-count')).toBeVisible();
});
