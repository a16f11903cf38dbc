import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';
import { E2E_APP_PORT } from './ports';

// Where Debian's Chromium is installed, use it (Playwright cannot download its own here).
const systemChromium = '/usr/bin/chromium';
export const launchOptions: LaunchOptions = existsSync(systemChromium)
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

export const appUrl = `http://127.0.0.1:${E2E_APP_PORT}`;
/** Builds the app and serves it, with its proxy, where the suite expects it. */
export const appServerCommand = `npx vite build --logLevel warn && npx vite preview --port ${E2E_APP_PORT} --strictPort`;
