// End-to-end specs: the real app through Playwright's Electron launcher where an Electron binary exists, else
// the built renderer in a Chromium-family browser with the real main-side IPC server and core in the test
// process. The app fixture (test/e2e/support/app-fixture.ts) picks the launcher and the browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  globalSetup: './test/e2e/support/global-setup.ts',
  use: { trace: 'off', screenshot: 'off' },
});
