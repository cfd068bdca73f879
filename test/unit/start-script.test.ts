// scripts/start.mjs (`npm start`, and `npm run dev` via --dev): it finds Electron from ELECTRON_EXEC_PATH,
// ELECTRON_OVERRIDE_DIST_PATH or node_modules, explains a missing one in one message, and hands the binary to
// electron-vite as ELECTRON_EXEC_PATH. The last two tests run the real electron-vite against a fake Electron.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  electronViteCommand,
  electronViteEntry,
  findElectronBinary,
  launch,
  missingElectronMessage,
  parseStartArgs,
} from '../../scripts/start.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = path.join(ROOT, 'scripts', 'start.mjs');
const EXECUTABLE = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'start-script-'));
  dirs.push(dir);
  return dir;
}

/**
 * A stand-in Electron (a Node script) that records how electron-vite started it: its arguments, the environment
 * the app would see, and, in dev, the index.html the renderer dev server really serves.
 */
async function fakeElectron(dir: string): Promise<{ binary: string; report: string }> {
  const binary = path.join(dir, EXECUTABLE);
  await mkdir(path.dirname(binary), { recursive: true });
  await writeFile(
    binary,
    `#!${process.execPath}
const env = process.env;
const report = { argv: process.argv.slice(2), execPath: env.ELECTRON_EXEC_PATH, url: env.ELECTRON_RENDERER_URL,
  hashes: env.ELECTRON_RENDERER_SCRIPT_HASHES };
(async () => {
  if (report.url) report.html = await (await fetch(report.url + '/')).text();
  require('node:fs').writeFileSync(env.FAKE_ELECTRON_REPORT, JSON.stringify(report));
})();
`,
  );
  await chmod(binary, 0o755);
  return { binary, report: path.join(dir, 'report.json') };
}

function runStart(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const clean = { ...process.env };
  for (const key of ['ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_RENDERER_URL']) delete clean[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [START, ...args],
      { cwd: ROOT, env: { ...clean, ...env }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('npm start without an Electron binary', () => {
  it('finds no binary in an empty override dir and says what to do in one message', async () => {
    const dir = await tempDir();
    const binary = findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    expect(binary.found).toBe(false);
    const message: string = missingElectronMessage(binary);
    expect(message).toContain('Electron runtime is not installed');
    expect(message).toContain('npx install-electron');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm start');
    expect(message).toContain('ELECTRON_EXEC_PATH=/path/to/electron npm run dev');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('a missing Electron ends the script with that message and status 1, before electron-vite runs', async () => {
    const dir = await tempDir();
    const { code, output } = await runStart([], { ELECTRON_EXEC_PATH: path.join(dir, 'electron') });
    expect(code).toBe(1);
    expect(output).toContain('Electron runtime is not installed');
    expect(output).toContain(`Looked for: ${path.join(dir, 'electron')} (ELECTRON_EXEC_PATH)`);
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('finding Electron', () => {
  it('ELECTRON_EXEC_PATH names the binary itself and wins over ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dir = await tempDir();
    const { binary } = await fakeElectron(dir);
    expect(findElectronBinary({ ELECTRON_EXEC_PATH: binary, ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' })).toEqual({
      path: binary,
      found: true,
      source: 'ELECTRON_EXEC_PATH',
    });
    // A directory or a missing file is not a binary.
    expect(findElectronBinary({ ELECTRON_EXEC_PATH: dir }).found).toBe(false);
    expect(findElectronBinary({ ELECTRON_EXEC_PATH: path.join(dir, 'missing') }).found).toBe(false);
  });

  it('ELECTRON_OVERRIDE_DIST_PATH names the directory that holds it', async () => {
    const dir = await tempDir();
    const { binary } = await fakeElectron(dir);
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toEqual({
      path: binary,
      found: true,
      source: 'ELECTRON_OVERRIDE_DIST_PATH',
    });
  });
});

describe('starting electron-vite', () => {
  it('runs electron-vite’s own JS entry under this Node, with the binary it found as ELECTRON_EXEC_PATH', () => {
    const binary = { path: '/opt/electron-45/electron' };
    const env = { PATH: '/usr/bin', ELECTRON_EXEC_PATH: '/stale/electron', KEEP: 'me' };
    const preview = electronViteCommand({ binary, args: ['--noSandbox'], env });
    expect(preview.command).toBe(process.execPath);
    expect(preview.args).toEqual([electronViteEntry(), 'preview', '--noSandbox']);
    expect(preview.args[0]).toBe(path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'));
    expect(preview.options.env).toEqual({ PATH: '/usr/bin', ELECTRON_EXEC_PATH: binary.path, KEEP: 'me' });
    expect(preview.options.cwd).toBe(path.resolve(ROOT));
    expect(electronViteCommand({ binary, dev: true, env }).args.slice(1)).toEqual(['dev']);
  });

  it('--dev selects `electron-vite dev`; everything else is passed through', () => {
    expect(parseStartArgs(['--dev', '--noSandbox'])).toEqual({ dev: true, rest: ['--noSandbox'] });
    expect(parseStartArgs(['--', '--inspect'])).toEqual({ dev: false, rest: ['--', '--inspect'] });
  });

  it('a spawn that fails is one clear message and exit status 1; otherwise the child’s status is kept', () => {
    const run = electronViteCommand({ binary: { path: '/e' }, env: {} });
    const exits: number[] = [];
    const messages: string[] = [];
    const child = launch(run, {
      spawnChild: () => new EventEmitter(),
      exit: (code) => exits.push(code),
      report: (m) => messages.push(m),
    });
    child.emit('error', Object.assign(new Error('spawn EACCES'), { code: 'EACCES' }));
    expect(exits).toEqual([1]);
    expect(messages).toEqual([
      `Cannot start LLM Profiles: could not run electron-vite with ${process.execPath} (spawn EACCES).`,
    ]);
    const ok = launch(run, { spawnChild: () => new EventEmitter(), exit: (code) => exits.push(code) });
    ok.emit('exit', 0, null);
    ok.emit('exit', null, 'SIGKILL');
    expect(exits).toEqual([1, 0, 1]);
  });

  it.skipIf(process.platform === 'win32')(
    'npm start: the real electron-vite preview launches the Electron found via ELECTRON_OVERRIDE_DIST_PATH',
    async () => {
      const dir = await tempDir();
      const fake = await fakeElectron(dir);
      const entry = path.join(dir, 'entry.js');
      const { code, output } = await runStart(['--skipBuild', '--entry', entry], {
        ELECTRON_OVERRIDE_DIST_PATH: dir,
        FAKE_ELECTRON_REPORT: fake.report,
      });
      expect(output).not.toContain('Electron uninstall');
      expect(code, output).toBe(0);
      const report = JSON.parse(await readFile(fake.report, 'utf8'));
      expect(report).toMatchObject({ argv: [entry], execPath: fake.binary });
    },
  );

  it.skipIf(process.platform === 'win32')(
    'npm run dev (--dev): the real dev server serves index.html whose inline scripts the app is told the hashes of',
    async () => {
      const dir = await tempDir();
      const fake = await fakeElectron(dir);
      const { code, output } = await runStart(
        ['--dev', '--outDir', path.join(dir, 'out'), '--entry', path.join(dir, 'entry.js')],
        { ELECTRON_EXEC_PATH: fake.binary, FAKE_ELECTRON_REPORT: fake.report },
      );
      expect(code, output).toBe(0);
      const report = JSON.parse(await readFile(fake.report, 'utf8'));
      expect(report.execPath).toBe(fake.binary);
      expect(report.url).toMatch(/^http:\/\/localhost:\d+$/);
      const inline = [...(report.html as string).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
        .filter(([, attrs]) => !attrs!.includes('src='))
        .map(([, , body]) => `sha256-${createHash('sha256').update(body!).digest('base64')}`);
      expect(inline.length).toBeGreaterThan(0);
      expect((report.hashes as string).split(' ').sort()).toEqual([...new Set(inline)].sort());
    },
  );
});
