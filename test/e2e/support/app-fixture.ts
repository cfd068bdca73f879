// The Playwright fixtures every spec uses: `launch(options)` starts the app (real Electron where a binary exists,
// else the built renderer in Chromium) and closes whatever it started when the test ends, pass or fail. The
// browser is launched once per worker, and only in Chromium mode: Electron-mode runs never need one.
import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { findBrowser } from '../../../scripts/e2e-browser.mjs';
import {
  startFakeLlm,
  startSilentServer,
  type FakeLlmOptions,
  type FakeServer,
} from '../../support/fake-providers/index.js';
import { settleFocus, watchFocus, type FocusDrop } from './focus-watch.js';
import { launchApp, launcherMode, type LaunchedApp, type LaunchOptions } from './launch-app.js';

export { expect } from '@playwright/test';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

interface TestFixtures {
  /** Starts the app; everything started is closed after the test. */
  launch: (options?: LaunchOptions) => Promise<LaunchedApp>;
  /** A loopback fake model server, closed after the test. */
  fakeLlm: (options: FakeLlmOptions) => Promise<FakeServer>;
  /** A loopback port that accepts connections and never answers, closed after the test. */
  silentServer: () => Promise<FakeServer>;
}

/** A factory fixture: whatever the test starts through it is closed afterwards, last first. */
function closing<A extends unknown[], R extends { close(): Promise<void> }>(start: (...args: A) => Promise<R>) {
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  return async ({}, use: (factory: (...args: A) => Promise<R>) => Promise<void>) => {
    const started: R[] = [];
    await use(async (...args) => {
      const resource = await start(...args);
      started.push(resource);
      return resource;
    });
    for (const resource of started.reverse()) await resource.close();
  };
}

interface WorkerFixtures {
  appBrowser: Browser | null;
}

/**
 * The app with its focus watched on every window it opens: closing it fails the test if focus ever fell to <body>
 * because the focused element went away (see focus-watch.ts).
 */
async function watchedApp(app: LaunchedApp): Promise<LaunchedApp> {
  const watched: Array<{ page: Page; drops: FocusDrop[] }> = [{ page: app.page, drops: await watchFocus(app.page) }];
  return Object.assign(Object.create(app) as LaunchedApp, {
    openSecondWindow: async () => {
      const page = await app.openSecondWindow();
      watched.push({ page, drops: await watchFocus(page) });
      return page;
    },
    close: async () => {
      for (const { page } of watched) await settleFocus(page);
      const drops = watched.flatMap((w) => w.drops);
      await app.close();
      expect(drops, 'focus fell to <body> because the focused element went away').toEqual([]);
    },
  });
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appBrowser: [
    async ({ playwright }, use) => {
      if (launcherMode() === 'electron') return use(null);
      const found = findBrowser();
      // `npm test` runs scripts/e2e-browser.mjs first, which installs or explains; this is for direct runs.
      if (found.executablePath === null) throw new Error(`${found.problem} Run: node scripts/e2e-browser.mjs`);
      const browser = await playwright.chromium.launch({
        executablePath: found.executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  launch: async ({ appBrowser }, use) =>
    closing(async (options?: LaunchOptions) => watchedApp(await launchApp(appBrowser, options)))({}, use),
  fakeLlm: closing(startFakeLlm),
  silentServer: closing(() => startSilentServer()),
});
