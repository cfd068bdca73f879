#!/usr/bin/env node
// `npm start` (electron-vite preview) and, with --dev, `npm run dev` (electron-vite dev). Electron's runtime is
// downloaded from GitHub at install time; where that was impossible this explains what is missing in one message.
// The binary it finds is handed to electron-vite as ELECTRON_EXEC_PATH, the only override electron-vite reads.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const electronDir = path.join(root, 'node_modules', 'electron');
const EXECUTABLE =
  { linux: 'electron', darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ??
  'electron';

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where the Electron binary is: ELECTRON_EXEC_PATH (the binary itself), else ELECTRON_OVERRIDE_DIST_PATH (the
 * directory holding it), else the one `npm install` downloaded into node_modules/electron.
 */
export function findElectronBinary(env = process.env) {
  if (env.ELECTRON_EXEC_PATH) {
    const candidate = path.resolve(env.ELECTRON_EXEC_PATH);
    return { path: candidate, found: isFile(candidate), source: 'ELECTRON_EXEC_PATH' };
  }
  const recorded = existsSync(path.join(electronDir, 'path.txt'))
    ? readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim()
    : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.resolve(env.ELECTRON_OVERRIDE_DIST_PATH, recorded ?? EXECUTABLE);
    return { path: candidate, found: isFile(candidate), source: 'ELECTRON_OVERRIDE_DIST_PATH' };
  }
  const candidate = path.join(electronDir, 'dist', recorded ?? EXECUTABLE);
  return { path: candidate, found: recorded !== null && isFile(candidate), source: 'node_modules/electron' };
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
    '  2. Point at an Electron 45 binary you already have (the executable itself), for `npm start` or `npm run dev`:',
    '       ELECTRON_EXEC_PATH=/path/to/electron npm start',
    '       ELECTRON_EXEC_PATH=/path/to/electron npm run dev',
    '     or at the directory that holds it:  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dir npm start',
    '',
    'Everything else works without it: `npm test` runs the whole suite (the UI in headless Chromium).',
  ].join('\n');
}

/** electron-vite's CLI script, from its package.json, so it runs under this Node on every platform. */
export function electronViteEntry() {
  const manifestPath = createRequire(import.meta.url).resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin?.['electron-vite'];
  if (typeof relative !== 'string') throw new Error(`no electron-vite bin in ${manifestPath}`);
  return path.resolve(path.dirname(manifestPath), relative);
}

/** `--dev` picks `electron-vite dev`; every other argument goes to electron-vite unchanged. */
export function parseStartArgs(argv) {
  return { dev: argv.includes('--dev'), rest: argv.filter((arg) => arg !== '--dev') };
}

/** What to spawn: this Node running electron-vite, told where Electron is. Pure, so it is unit-tested. */
export function electronViteCommand({
  binary,
  dev = false,
  args = [],
  env = process.env,
  entry = electronViteEntry(),
}) {
  return {
    command: process.execPath,
    args: [entry, dev ? 'dev' : 'preview', ...args],
    options: { cwd: root, stdio: 'inherit', env: { ...env, ELECTRON_EXEC_PATH: binary.path } },
  };
}

/** Runs electron-vite and mirrors its exit; a spawn that fails is one clear message and exit status 1. */
export function launch(run, { spawnChild = spawn, exit = process.exit, report = console.error } = {}) {
  const child = spawnChild(run.command, run.args, run.options);
  child.on('error', (error) => {
    report(`Cannot start LLM Profiles: could not run electron-vite with ${run.command} (${error.message}).`);
    exit(1);
  });
  child.on('exit', (code) => exit(code ?? 1));
  return child;
}

function main() {
  const { dev, rest } = parseStartArgs(process.argv.slice(2));
  const binary = findElectronBinary();
  if (!binary.found) {
    console.error(missingElectronMessage(binary));
    process.exit(1);
  }
  let run;
  try {
    run = electronViteCommand({ binary, dev, args: rest });
  } catch (error) {
    console.error(`Cannot start LLM Profiles: electron-vite is not installed (${error.message}). Run \`npm install\`.`);
    process.exit(1);
  }
  const child = launch(run);
  // Ctrl-C reaches the whole process group; a plain kill of this script alone is passed on, so nothing is orphaned.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
