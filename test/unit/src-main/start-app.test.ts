// The main-process shell against the electron stub: single-instance behaviour, secure window options,
// blocked navigation and new windows, permissions (clipboard writes only), the CSP in dev and packaged, the
// app:// handler (traversal refused), IPC sender checks, log flushing on quit, and failures that explain themselves.
import * as electron from 'electron';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../../shared/ipc-channel.js';
import { startApp } from '../../../src-main/app/start-app.js';
import { contentSecurityPolicy } from '../../../src-main/window/window-security.js';
import { makeTempDir } from '../../support/create-test-core.js';
import { decodeWire } from '../../support/ipc-harness.js';
import { settle, waitFor } from '../../support/wait-for.js';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  protocol,
  resetElectronStub,
  session,
  shell,
} from '../../support/electron-stub.js';

let userData: string;
let outDir: string;

beforeEach(async () => {
  userData = await makeTempDir('llm-userdata-');
  outDir = await makeTempDir('llm-out-');
  await mkdir(path.join(outDir, 'main'));
  await mkdir(path.join(outDir, 'renderer'));
  await writeFile(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(outDir, 'secret.txt'), 'outside the renderer');
  resetElectronStub(userData);
});
afterEach(async () => {
  resetElectronStub();
  await rm(userData, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

const start = () => startApp(electron, { mainDir: path.join(outDir, 'main') });
const theWindow = () => BrowserWindow.instances[0]!;

function ipcEvent(window: BrowserWindow, frame: { parent: unknown; url: string } | null) {
  const replies: unknown[] = [];
  return {
    replies,
    event: {
      sender: window.webContents,
      senderFrame: frame && { ...frame, isDestroyed: () => false },
      reply: (_channel: string, message: { id: unknown }) => replies.push(decodeWire(message)),
    },
  };
}

async function readLogLines(): Promise<Array<Record<string, unknown>>> {
  const dir = path.join(userData, 'logs');
  const logs = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
  return (await Promise.all(logs.map((f) => readFile(path.join(dir, f), 'utf8'))))
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('main-process shell', () => {
  it('a second instance focuses nothing of its own, quits, and never touches the vault', async () => {
    app.hasLock = false;
    const handle = start();
    expect(await handle.ready).toEqual({ started: false });
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(protocol.handlers.size).toBe(0);
    expect(await readdir(userData)).toEqual([]);
  });

  it('the first instance focuses (and restores) its window when a second launch happens', async () => {
    await start().ready;
    const window = theWindow();
    window.minimized = true;
    app.emit('second-instance', {}, [], '');
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
  });

  it('registers app:// as a privileged scheme before ready and builds adapters only after', async () => {
    app.readyNow = false;
    const handle = start();
    expect(protocol.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    await settle();
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(await readdir(userData)).toEqual([]);
    app.fireReady();
    await handle.ready;
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('creates the window isolated, sandboxed, without Node, loading the app origin', async () => {
    await start().ready;
    const prefs = theWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(path.join(outDir, 'preload', 'preload.cjs'));
    expect(theWindow().loadedUrls).toEqual(['app://app/index.html']);
  });

  it('blocks navigation away from the app and every new window; https links open in the browser', async () => {
    await start().ready;
    const contents = theWindow().webContents;
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://app/index.html#x')).toBe(false);
    expect(contents.openHandler!({ url: 'https://ollama.com/download' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://ollama.com/download']);
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
    const decisions: boolean[] = [];
    session.defaultSession.permissionHandler!(contents, 'media', (granted) => decisions.push(granted), {
      requestingUrl: 'app://app/index.html',
      isMainFrame: true,
    });
    expect(decisions).toEqual([false]);
  });

  it('grants clipboard writes ("Copy reference") to its own window at its own origin, and nothing else', async () => {
    await start().ready;
    const contents = theWindow().webContents;
    const stranger = new BrowserWindow({}).webContents;
    stranger.mainFrame.url = 'app://app/index.html';
    const { permissionHandler, permissionCheckHandler, devicePermissionHandler } = session.defaultSession;
    const request = (who: unknown, permission: string, requestingUrl = 'app://app/index.html') => {
      const answers: boolean[] = [];
      permissionHandler!(who, permission, (granted) => answers.push(granted), { requestingUrl, isMainFrame: true });
      expect(answers).toHaveLength(1);
      return answers[0];
    };
    expect(request(contents, 'clipboard-sanitized-write')).toBe(true);
    expect(request(contents, 'clipboard-read')).toBe(false);
    expect(request(contents, 'notifications')).toBe(false);
    expect(request(contents, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(request(stranger, 'clipboard-sanitized-write')).toBe(false);
    contents.mainFrame.url = 'https://evil.example/';
    expect(request(contents, 'clipboard-sanitized-write')).toBe(false);
    contents.mainFrame.url = 'app://app/index.html';

    const check = (who: unknown, permission: string, origin = 'app://app') =>
      permissionCheckHandler!(who, permission, origin, { isMainFrame: true });
    expect(check(contents, 'clipboard-sanitized-write')).toBe(true);
    expect(check(contents, 'media')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write')).toBe(false);
    expect(check(contents, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(devicePermissionHandler!({ deviceType: 'usb', origin: 'app://app' })).toBe(false);

    app.quit();
    await waitFor(() => app.exitCodes.length === 1);
    const denied = (await readLogLines()).filter((l) => l.event === 'window.permission_denied');
    expect(denied.map((l) => [l.permission, l.reason])).toEqual([
      ['clipboard-read', 'not-granted-to-pages'],
      ['notifications', 'not-granted-to-pages'],
      ['clipboard-sanitized-write', 'foreign-origin'],
      ['clipboard-sanitized-write', 'unknown-webcontents'],
      ['clipboard-sanitized-write', 'foreign-origin'],
    ]);
  });

  it('gives dev server pages the dev CSP with the preamble hashes; app:// keeps the production CSP', async () => {
    const hash = `sha256-${Buffer.alloc(32, 1).toString('base64')}`;
    await startApp(electron, {
      mainDir: path.join(outDir, 'main'),
      devServerUrl: 'http://localhost:5173',
      devScriptHashes: [hash],
    }).ready;
    expect(theWindow().loadedUrls).toEqual(['http://localhost:5173']);
    const [{ filter, listener }] = session.defaultSession.webRequest.headerListeners as [
      (typeof session.defaultSession.webRequest.headerListeners)[number],
    ];
    expect(filter.urls).toEqual(['http://localhost:5173/*']);
    const headers: Array<Record<string, string[]> | undefined> = [];
    listener({ url: 'http://localhost:5173/', responseHeaders: { 'x-a': ['1'] } }, (r) =>
      headers.push(r.responseHeaders),
    );
    const devCsp = headers[0]!['Content-Security-Policy']![0]!;
    expect(devCsp).toContain(`script-src 'self' '${hash}';`);
    expect(headers[0]!['x-a']).toEqual(['1']);
  });

  it('a packaged app ignores script hashes from its environment: no dev CSP anywhere', async () => {
    app.isPackaged = true;
    const hash = `sha256-${Buffer.alloc(32, 1).toString('base64')}`;
    await startApp(electron, { mainDir: path.join(outDir, 'main'), devScriptHashes: [hash] }).ready;
    expect(session.defaultSession.webRequest.headerListeners).toEqual([]);
    const index = await protocol.handlers.get('app')!(new Request('app://app/index.html'));
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy(null));
    expect(index.headers.get('content-security-policy')).not.toContain('sha256');
  });

  it('a page failing before its first paint leaves a visible error page, its reference in the log file', async () => {
    BrowserWindow.loadOutcomes = [{ errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' }];
    await start().ready;
    await waitFor(() => theWindow().loadedUrls.length === 2);
    const window = theWindow();
    expect(window.shown).toBeGreaterThan(0);
    expect(window.loadedUrls[1]).toMatch(/^data:text\/html;charset=utf-8,/);
    app.quit();
    await waitFor(() => app.exitCodes.length === 1);
    const failure = (await readLogLines()).find((l) => l.event === 'window.load_failed');
    expect(failure).toMatchObject({ level: 'error', errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' });
    expect(failure!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(window.loadedUrls[1]).toContain(failure!.correlationId as string);
  });

  it('serves the renderer over app:// with a CSP, and refuses traversal', async () => {
    await start().ready;
    const handler = protocol.handlers.get('app')!;
    const get = (url: string) => handler(new Request(url));
    const index = await get('app://app/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await get('app://app/')).status).toBe(200);
    for (const url of [
      'app://app/..%2fsecret.txt',
      'app://app/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://evil/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).not.toContain('outside the renderer');
    }
    expect((await get('app://app/..%5csecret.txt')).status).toBe(400);
    expect((await get('app://app/%00index.html')).status).toBe(400);
    expect((await get('app://app/missing.js')).status).toBe(404);
    await symlink(path.join(outDir, 'secret.txt'), path.join(outDir, 'renderer', 'link.txt'));
    expect((await get('app://app/link.txt')).status).toBe(403);
    expect((await handler(new Request('app://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers IPC from its own window and refuses subframes, foreign origins and unknown senders', async () => {
    await start().ready;
    const window = theWindow();
    const call = { method: 'request', operation: { id: 1, type: 'query', path: 'profiles.list' } };
    const ok = ipcEvent(window, { parent: null, url: 'app://app/index.html' });
    ipcMain.emit(IPC_CHANNEL, ok.event, call);
    await waitFor(() => ok.replies.length === 1);
    expect(ok.replies[0]).toEqual({
      id: 1,
      result: { type: 'data', data: { profiles: [], activeProfileId: null, revision: 0 } },
    });

    const refusals = [
      ipcEvent(window, { parent: {}, url: 'app://app/index.html' }),
      ipcEvent(window, { parent: null, url: 'https://evil.example/' }),
      ipcEvent(window, null),
    ];
    const stranger = new BrowserWindow({});
    refusals.push(ipcEvent(stranger, { parent: null, url: 'app://app/index.html' }));
    for (const r of refusals) ipcMain.emit(IPC_CHANNEL, r.event, call);
    await waitFor(() => refusals.every((r) => r.replies.length === 1 || r.event.senderFrame === null));
    for (const r of refusals.filter((x) => x.event.senderFrame !== null)) {
      expect(r.replies[0]).toMatchObject({ id: 1, error: { data: { code: 'IPC_FORBIDDEN_SENDER' } } });
    }
  });

  it('flushes diagnostics on quit, then exits', async () => {
    await start().ready;
    app.quit();
    await waitFor(() => app.exitCodes.length === 1);
    expect(app.exitCodes).toEqual([0]);
    const logs = (await readdir(path.join(userData, 'logs'))).filter((f) => f.endsWith('.jsonl'));
    const text = (await Promise.all(logs.map((f) => readFile(path.join(userData, 'logs', f), 'utf8')))).join('');
    expect(text).toContain('"event":"app.started"');
    expect(text).toContain('"event":"app.quitting"');
  });

  it('explains a start-up failure with message, remediation and a reference, then exits', async () => {
    await mkdir(path.join(userData, 'llm-profiles.json')); // a directory where the vault file should be
    const handle = start();
    await expect(handle.ready).rejects.toBeDefined();
    await waitFor(() => dialog.errors.length === 1);
    expect(dialog.errors[0]!.content).toMatch(/could not be written|not allowed|went wrong/);
    const reference = /Reference: ([0-9a-f-]{36})/.exec(dialog.errors[0]!.content)?.[1];
    expect(reference).toBeDefined();
    expect(app.exitCodes).toEqual([1]);
    // The reference points at a diagnostics line, flushed before the exit.
    const logs = (await readdir(path.join(userData, 'logs'))).filter((f) => f.endsWith('.jsonl'));
    const lines = (await Promise.all(logs.map((f) => readFile(path.join(userData, 'logs', f), 'utf8'))))
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.event === 'app.startup_failed')).toMatchObject({
      correlationId: reference,
      level: 'error',
    });
  });

  it('a packaged app ignores a renderer URL and test hooks from its environment, and has no devtools', async () => {
    app.isPackaged = true;
    await startApp(electron, {
      mainDir: path.join(outDir, 'main'),
      devServerUrl: 'http://evil.example:5173',
      discoveryPorts: [1],
    }).ready;
    expect(theWindow().loadedUrls).toEqual(['app://app/index.html']);
    expect((theWindow().options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    const call = { method: 'request', operation: { id: 9, type: 'query', path: 'profiles.list' } };
    const foreign = ipcEvent(theWindow(), { parent: null, url: 'http://evil.example:5173/' });
    ipcMain.emit(IPC_CHANNEL, foreign.event, call);
    await waitFor(() => foreign.replies.length === 1);
    expect(foreign.replies[0]).toMatchObject({ error: { data: { code: 'IPC_FORBIDDEN_SENDER' } } });
  });

  it('drops an answer meant for a page that has since been reloaded', async () => {
    await start().ready;
    const window = theWindow();
    const stale = ipcEvent(window, { parent: null, url: 'app://app/index.html' });
    ipcMain.emit(IPC_CHANNEL, stale.event, {
      method: 'request',
      operation: { id: 1, type: 'query', path: 'profiles.list' },
    });
    window.webContents.emit('did-start-navigation', {
      isMainFrame: true,
      isSameDocument: false,
      url: 'app://app/index.html',
    });
    const fresh = ipcEvent(window, { parent: null, url: 'app://app/index.html' });
    ipcMain.emit(IPC_CHANNEL, fresh.event, {
      method: 'request',
      operation: { id: 2, type: 'query', path: 'profiles.list' },
    });
    await waitFor(() => fresh.replies.length === 1);
    await settle(); // the stale call was sent first: by now it has run, and its answer has gone nowhere
    expect(stale.replies).toEqual([]);
  });

  it('remembers the window bounds with electron-store', async () => {
    await start().ready;
    const first = theWindow();
    first.bounds = { x: 50, y: 60, width: 900, height: 700 };
    first.emit('close');
    resetElectronStub(userData);
    await start().ready;
    expect(theWindow().options).toMatchObject({ x: 50, y: 60, width: 900, height: 700 });
  });
});
