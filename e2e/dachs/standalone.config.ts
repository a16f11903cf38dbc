import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { appServerCommand, appUrl, launchOptions } from '../browser';

/**
 * The DaCHS journeys alone, with only the built app (and its proxy) as web server:
 *   DACHS_TAP_URL=http://127.0.0.1:8080/tap npx playwright test -c e2e/dachs/standalone.config.ts
 * The main config runs the same specs as its `dachs` project.
 */
export default defineConfig({
  testDir: '.',
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // Not under test-results/, which a run of the main config empties.
  outputDir: join(tmpdir(), 'uws-desk-dachs-results'),
  use: {
    baseURL: appUrl,
    launchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: appServerCommand,
    cwd: '../..',
    url: appUrl,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    // The proxy must allow DaCHS wherever dachs-up.sh put it.
    env: { UWS_DESK_PROXY_TARGETS: process.env.DACHS_TAP_URL ? new URL(process.env.DACHS_TAP_URL).origin : '' },
  },
});
