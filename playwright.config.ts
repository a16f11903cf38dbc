import { existsSync } from 'node:fs';
import { defineConfig, type LaunchOptions } from '@playwright/test';
import {
  E2E_APP_PORT,
  E2E_DEMO_AUTH_PORT,
  E2E_DEMO_FAULTS_PORT,
  E2E_DEMO_NOCORS_PORT,
  E2E_DEMO_PORT,
  demoTapUrl,
} from './e2e/ports';

// Where Debian's Chromium is installed, use it (Playwright cannot download its own here).
const systemChromium = '/usr/bin/chromium';
const launchOptions: LaunchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

const isCI = !!process.env.CI;
const appUrl = `http://127.0.0.1:${E2E_APP_PORT}`;

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
    {
      command: `npx vite build --logLevel warn && npx vite preview --port ${E2E_APP_PORT} --strictPort`,
      url: appUrl,
      reuseExistingServer: !isCI,
      timeout: 180_000,
      env: { VITE_DEMO_TAP_URL: demoTapUrl(E2E_DEMO_PORT) },
    },
  ],
});
