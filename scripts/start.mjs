#!/usr/bin/env node
// `npm start`: builds and launches the desktop app. Electron's runtime binary is downloaded from GitHub
// at install time; where that was impossible this explains, in one message, what is missing and how to get
// it, instead of the stack trace (or the silent download attempt) `require('electron')` would give.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const electronDir = path.join(root, 'node_modules', 'electron');
const EXECUTABLE =
  { linux: 'electron', darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ??
  'electron';

export function findElectronBinary(env = process.env) {
  const recorded = existsSync(path.join(electronDir, 'path.txt'))
    ? readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim()
    : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded ?? EXECUTABLE);
    return { path: candidate, found: existsSync(candidate), source: 'ELECTRON_OVERRIDE_DIST_PATH' };
  }
  const candidate = path.join(electronDir, 'dist', recorded ?? EXECUTABLE);
  return { path: candidate, found: recorded !== null && existsSync(candidate), source: 'node_modules/electron' };
}

export function missingElectronMessage(binary) {
  return [
    'Cannot start LLM Profiles: the Electron runtime is not installed on this machine.',
    '',
    `  Looked for: ${binary.path} (${binary.source})`,
    '',
    'Electron downloads its runtime from GitHub (github.com/electron/electron/releases); that download was',
    'skipped or blocked here. To fix it, do one of:',
    '  1. With internet access, download it:  npx install-electron',
    '  2. Point at an Electron 45 build you already have:  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dir npm start',
    '',
    'Everything else works without it: `npm test` runs the whole suite (the UI in headless Chromium).',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const binary = findElectronBinary();
  if (!binary.found) {
    console.error(missingElectronMessage(binary));
    process.exit(1);
  }
  const child = spawn(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['preview', ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}
