#!/usr/bin/env node
// Packaging check: packs `--linux dir` against a placeholder Electron distribution (the real binary cannot be
// downloaded here) and asserts the app.asar holds the built main, preload and renderer, and no dev
// dependency, source file, test or source map; that the packed binary's fuses are electron-builder.yml's
// electronFuses; and that the app icon is a valid 1024×1024 PNG. Expects `npm run build` to have run.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { expectedFuses, fuseWireBytes, verifyFuses } from './fuse-check.mjs';
import { ICON_SIZE } from './make-icon.mjs';
import { inspectPng } from './png.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const builderConfig = path.join(root, 'electron-builder.yml');
const work = mkdtempSync(path.join(tmpdir(), 'pack-check-'));
const placeholder = path.join(work, 'electron-dist');
const output = path.join(work, 'dist');

try {
  mkdirSync(placeholder, { recursive: true });
  // A shell script that carries Electron's default fuse wire, so electron-builder's fuse flipping has one to flip.
  writeFileSync(
    path.join(placeholder, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "placeholder Electron: packaging check only"\nexit 0\n# '),
      fuseWireBytes(),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(path.join(placeholder, 'electron'), 0o755);
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      'dir',
      '--publish',
      'never',
      `--config.electronDist=${placeholder}`,
      `--config.electronVersion=${pkg.devDependencies.electron.replace(/^[^\d]*/, '')}`,
      `--config.directories.output=${output}`,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  const files = asar
    .listPackage(path.join(output, 'linux-unpacked', 'resources', 'app.asar'))
    .map((f) => f.replaceAll('\\', '/'));
  const problems = [];
  for (const required of [
    '/out/main/main.js',
    '/out/preload/preload.cjs',
    '/out/renderer/index.html',
    '/package.json',
  ]) {
    if (!files.includes(required)) problems.push(`missing ${required}`);
  }
  const topModules = new Set(
    files
      .filter((f) => f.startsWith('/node_modules/'))
      .map((f) =>
        f
          .split('/')
          .slice(2, f.split('/')[2]?.startsWith('@') ? 4 : 3)
          .join('/'),
      ),
  );
  for (const dev of Object.keys(pkg.devDependencies))
    if (topModules.has(dev)) problems.push(`dev dependency packed: ${dev}`);
  for (const dep of Object.keys(pkg.dependencies))
    if (!topModules.has(dep)) problems.push(`production dependency missing: ${dep}`);
  const ours = files.filter((f) => !f.startsWith('/node_modules/'));
  for (const f of ours) {
    if (/^\/(src|src-main|src-renderer|shared|test|bench|scripts)(\/|$)/.test(f))
      problems.push(`source or test packed: ${f}`);
    if (/\.(ts|tsx|map)$/.test(f)) problems.push(`source or map packed: ${f}`);
  }
  const rendererJs = files.filter((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js')).length;
  if (rendererJs === 0) problems.push('no renderer bundle');
  console.log(
    `[pack check] app.asar: ${files.length} entries, ${ours.length} of ours, ${topModules.size} production packages`,
  );

  // electron-builder names the Linux executable after the package unless executableName says otherwise.
  const executable = path.join(output, 'linux-unpacked', pkg.name.toLowerCase());
  const fuses = expectedFuses(builderConfig);
  const fuseProblems = await verifyFuses(executable, fuses);
  problems.push(...fuseProblems.map((p) => `fuse ${p}`));
  if (fuseProblems.length === 0)
    console.log(
      `[pack check] fuses: all ${Object.keys(fuses).length} of electron-builder.yml set in the packed binary`,
    );

  // A --linux dir build copies no icon (only the AppImage/deb targets do), so the source icon is what is checked.
  const icon = inspectPng(readFileSync(path.join(root, 'build', 'icon.png')));
  problems.push(...icon.problems.map((p) => `build/icon.png: ${p}`));
  if (icon.width !== ICON_SIZE || icon.height !== ICON_SIZE)
    problems.push(`build/icon.png is ${icon.width}×${icon.height}, not ${ICON_SIZE}×${ICON_SIZE}`);
  if (problems.length > 0) {
    console.error(`[pack check] FAILED:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      '[pack check] ok: built main, preload and renderer; no dev dependencies, sources, tests or maps; ' +
        'fuses flipped; icon valid',
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
