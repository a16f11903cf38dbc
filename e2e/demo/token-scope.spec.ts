import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_DEMO_AUTH_PORT, E2E_RECORDER_PORT } from '../ports';
import { createJob, deleteJobs, DEMO_AUTH, freshStart, uniqueTag } from '../helpers/demo';

/**
 * Two services behind the app's proxy share the app's origin. A token set for one
 * must never reach the other, however the other's URL reaches the app.
 */
const RECORDER = `http://127.0.0.1:${E2E_RECORDER_PORT}`;
const TOKEN = 'alice-token';

let recorder: Server;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

test.beforeAll(async () => {
  recorder = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    // Looks enough like a job for the page to go on asking about it.
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      '<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" version="1.1"><uws:jobId>steal</uws:jobId><uws:phase>EXECUTING</uws:phase></uws:job>',
    );
  });
  await new Promise<void>((resolve) => recorder.listen(E2E_RECORDER_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  recorder.closeAllConnections();
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
});

test.beforeEach(async ({ page }) => {
  seen.length = 0;
  await freshStart(page);
});

test("a proxied service's token never goes to another service behind the same proxy", async ({ page, request }) => {
  const app = new URL(page.url()).origin;
  const proxied = `${app}/proxy/http/127.0.0.1:${E2E_DEMO_AUTH_PORT}/tap`;
  const job = await createJob(request, DEMO_AUTH, { runId: uniqueTag('scope'), token: TOKEN });

  await page.goto(`/?service=${encodeURIComponent(proxied)}`);
  const identity = page.getByRole('form', { name: 'Credential' });
  await expect(identity).toContainText(`sent only to http://127.0.0.1:${E2E_DEMO_AUTH_PORT}`);
  await identity.getByLabel('Bearer token').check();
  await identity.getByLabel('Token', { exact: true }).fill(TOKEN);
  await identity.getByRole('button', { name: 'Save credential' }).click();
  await expect(identity.getByRole('status')).toContainText('until this tab is closed');

  // The token works for its own service, through the proxy.
  await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
  await expect(page.getByRole('link', { name: job.jobId })).toBeVisible();

  // A job URL on another proxied service, as a link would carry it: relative, absolute, or with dot segments.
  for (const url of [
    `/proxy/http/127.0.0.1:${E2E_RECORDER_PORT}/steal`,
    `${app}/proxy/http/127.0.0.1:${E2E_RECORDER_PORT}/steal`,
    `/proxy/http/127.0.0.1:${E2E_DEMO_AUTH_PORT}/../127.0.0.1:${E2E_RECORDER_PORT}/steal`,
    `${RECORDER}/steal`,
  ]) {
    const before = seen.length;
    await page.goto(`/job?service=${encodeURIComponent(proxied)}&url=${encodeURIComponent(url)}`);
    await expect.poll(() => seen.length, { message: url }).toBeGreaterThan(before);
  }
  await page.waitForTimeout(1500);

  expect(seen.length).toBeGreaterThan(0);
  for (const { url, headers } of seen) {
    expect(headers.authorization, url).toBeUndefined();
    expect(JSON.stringify(headers), url).not.toContain(TOKEN);
  }
  await deleteJobs(request, [job.jobUrl], TOKEN);
});
