import { defineConfig } from '@playwright/test';
import { appServerCommand, appUrl, launchOptions } from './e2e/browser';
import {
  E2E_DEMO_AUTH_PORT,
  E2E_DEMO_FAULTS_PORT,
  E2E_DEMO_FLAKY_PORT,
  E2E_DEMO_NOCORS_PORT,
  E2E_DEMO_PORT,
  E2E_RECORDER_PORT,
  demoTapUrl,
} from './e2e/ports';

const isCI = !!process.env.CI;

const demo = (port: number, flags: string) => ({
  command: `npx tsx demo/main.ts --port ${port} ${flags}`.trim(),
  url: `${demoTapUrl(port)}/availability`,
  reuseExistingServer: !isCI,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: isCI ? 1 : 2,
  forbidOnly: isCI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: isCI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: appUrl,
    launchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'demo', testDir: 'e2e/demo' },
    { name: 'dachs', testDir: 'e2e/dachs' },
  ],
  webServer: [
    demo(E2E_DEMO_PORT, ''),
    demo(E2E_DEMO_AUTH_PORT, '--auth alice-token:alice,bob-token:bob'),
    demo(E2E_DEMO_FAULTS_PORT, '--faults 0.3'),
    demo(E2E_DEMO_NOCORS_PORT, '--no-cors'),
    demo(E2E_DEMO_FLAKY_PORT, '--fail-every-other'),
    {
      command: appServerCommand,
      url: appUrl,
      reuseExistingServer: !isCI,
      timeout: 180_000,
      env: {
        VITE_DEMO_TAP_URL: demoTapUrl(E2E_DEMO_PORT),
        // The token-scope spec reaches the token demo and a header recorder through the proxy.
        UWS_DESK_PROXY_TARGETS: `http://127.0.0.1:${E2E_DEMO_AUTH_PORT} http://127.0.0.1:${E2E_RECORDER_PORT}`,
      },
    },
  ],
});
