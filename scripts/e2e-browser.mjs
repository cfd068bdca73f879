#!/usr/bin/env node
// Finds the browser the end-to-end specs run in, so `npm test` works on a fresh machine by itself. Order:
// CHROMIUM_PATH; Playwright's own Chromium; an installed Chrome / Chromium / Edge. With none, on Debian or
// Ubuntu as root (or with passwordless sudo) it installs Debian's `chromium`, saying so; anywhere else it stops
// with one message naming the command that installs a browser. In Electron mode no browser is needed at all.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './start.mjs';

const APT_PACKAGES = ['chromium', 'fonts-dejavu-core'];

/** Where Chrome-family browsers install themselves, per OS (the paths Playwright's own channels look at). */
export function installedBrowserCandidates(platform = process.platform, env = process.env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', path.join(env.HOME ?? '', 'Applications')];
    return apps.flatMap((dir) => [
      path.join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
      path.join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
      path.join(dir, 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/snap/bin/chromium',
  ];
}

/** The Chromium `npx playwright install chromium` puts in Playwright's cache, or null when it is not there. */
function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const executable = chromium.executablePath();
    return executable && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/**
 * The browser to launch: `{ executablePath, source }`, or `{ executablePath: null, problem }` saying why not.
 * `exists` and `ownChromium` are injectable so the order can be tested without touching the machine.
 */
export function findBrowser({
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  ownChromium = playwrightChromium,
} = {}) {
  if (env.CHROMIUM_PATH) {
    return exists(env.CHROMIUM_PATH)
      ? { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { executablePath: null, problem: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there.` };
  }
  const own = ownChromium();
  if (own) return { executablePath: own, source: "Playwright's Chromium" };
  const installed = installedBrowserCandidates(platform, env).find((candidate) => exists(candidate));
  if (installed) return { executablePath: installed, source: 'installed browser' };
  return { executablePath: null, problem: 'No Chrome, Chromium or Edge was found on this computer.' };
}

/** Electron mode runs the specs in the real app: E2E_LAUNCHER=electron, or an Electron binary is installed. */
export function electronMode(env = process.env) {
  if (env.E2E_LAUNCHER === 'electron') return true;
  if (env.E2E_LAUNCHER === 'chromium') return false;
  return findElectronBinary(env).found;
}

function isDebianFamily() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

/** '' when already root, 'sudo' when it works without a password, null when neither. */
function privilege() {
  if (process.getuid?.() === 0) return '';
  const probe = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? 'sudo' : null;
}

export function noBrowserMessage(problem) {
  return [
    `The end-to-end tests need a Chromium-family browser. ${problem}`,
    '',
    'Install one, then run `npm test` again:',
    '  npx playwright install chromium                    (any OS)',
    `  sudo apt-get install -y ${APT_PACKAGES.join(' ')}   (Debian or Ubuntu)`,
    'or point at a Chrome, Chromium or Edge you already have:  CHROMIUM_PATH=/path/to/browser npm test',
  ].join('\n');
}

function aptInstall(sudo) {
  const run = (args) => {
    const [command, ...rest] = sudo ? [sudo, 'apt-get', ...args] : ['apt-get', ...args];
    console.log(`[e2e browser] $ ${[command, ...rest].join(' ')}`);
    // dpkg's progress is noise here; what went wrong still reaches stderr.
    execFileSync(command, rest, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES]);
}

function main() {
  if (electronMode()) {
    console.log('[e2e browser] Electron mode: the specs launch the app itself, no browser needed.');
    return 0;
  }
  let found = findBrowser();
  if (found.executablePath) {
    console.log(`[e2e browser] ${found.source}: ${found.executablePath}`);
    return 0;
  }
  const sudo = process.platform === 'linux' && !process.env.CHROMIUM_PATH && isDebianFamily() ? privilege() : null;
  if (sudo === null) {
    console.error(noBrowserMessage(found.problem));
    return 1;
  }
  console.log(`[e2e browser] ${found.problem} Installing Debian's ${APT_PACKAGES.join(' and ')} with apt-get:`);
  try {
    aptInstall(sudo);
  } catch (error) {
    console.error(`[e2e browser] apt-get failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(noBrowserMessage(found.problem));
    return 1;
  }
  found = findBrowser();
  if (!found.executablePath) {
    console.error(noBrowserMessage('apt-get finished, but no browser appeared where one was expected.'));
    return 1;
  }
  console.log(`[e2e browser] installed: ${found.executablePath}`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main());
