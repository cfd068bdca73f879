// The e2e browser lookup: the order a fresh machine relies on, and one plain message when nothing is there.
import { describe, expect, it } from 'vitest';
import { findBrowser, installedBrowserCandidates, noBrowserMessage } from '../../../scripts/e2e-browser.mjs';

const none = () => null;

describe('finding the browser for the end-to-end specs', () => {
  it('takes CHROMIUM_PATH first, even over Playwright’s own Chromium', () => {
    const found = findBrowser({
      env: { CHROMIUM_PATH: '/opt/my-chrome' },
      exists: () => true,
      ownChromium: () => '/pw/chrome',
    });
    expect(found).toEqual({ executablePath: '/opt/my-chrome', source: 'CHROMIUM_PATH' });
  });

  it('says so when CHROMIUM_PATH points at nothing, instead of silently using another browser', () => {
    const found = findBrowser({
      env: { CHROMIUM_PATH: '/nowhere' },
      exists: () => false,
      ownChromium: () => '/pw/chrome',
    });
    expect(found).toEqual({ executablePath: null, problem: expect.stringContaining('/nowhere') });
  });

  it('prefers Playwright’s Chromium over an installed browser', () => {
    const found = findBrowser({ env: {}, platform: 'linux', exists: () => true, ownChromium: () => '/pw/chrome' });
    expect(found.executablePath).toBe('/pw/chrome');
  });

  it('falls back to the usual install locations of each OS', () => {
    for (const [platform, env, expected] of [
      ['linux', {}, '/usr/bin/google-chrome'],
      ['darwin', { HOME: '/Users/a' }, '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      ['win32', { PROGRAMFILES: 'C:\\Program Files' }, 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'],
    ] as const) {
      expect(installedBrowserCandidates(platform, env)).toContain(expected);
      const found = findBrowser({ env, platform, exists: (f) => f === expected, ownChromium: none });
      expect(found).toEqual({ executablePath: expected, source: 'installed browser' });
    }
  });

  it('with nothing found, names the commands that install a browser', () => {
    const found = findBrowser({ env: {}, platform: 'linux', exists: () => false, ownChromium: none });
    expect(found.executablePath).toBeNull();
    const message = noBrowserMessage(found.executablePath === null ? found.problem : '');
    expect(message).toContain('npx playwright install chromium');
    expect(message).toContain('apt-get install -y chromium');
    expect(message).toContain('CHROMIUM_PATH=');
  });
});
