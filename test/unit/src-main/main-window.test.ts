// The app window against the electron stub: it never stays hidden (a page that fails before its first paint is
// replaced, once, by a self-contained error page whose reference is the logged line's), a page that did paint is
// left alone, and only the listed external pages are opened in the browser.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXTERNAL_LINKS } from '../../../shared/external-links.js';
import { ERROR_PAGE_CSP, errorPageHtml } from '../../../src-main/window/error-page.js';
import { createMainWindow } from '../../../src-main/window/main-window.js';
import { WINDOW_BACKGROUND } from '../../../src-main/window/window-theme.js';
import { BrowserWindow, nativeTheme, resetElectronStub, shell } from '../../support/electron-stub.js';
import { MemoryLogger } from '../../support/memory-logger.js';

let logger: MemoryLogger;
let issued: string[];

beforeEach(() => {
  resetElectronStub();
  logger = new MemoryLogger();
  issued = [];
});
afterEach(() => resetElectronStub());

function open(url = 'app://app/index.html'): BrowserWindow {
  createMainWindow({
    BrowserWindow: BrowserWindow as never,
    shell,
    preloadPath: '/out/preload/preload.cjs',
    url,
    allowedOrigins: ['app://app'],
    logger,
    nativeTheme: nativeTheme as never,
    ids: {
      correlationId: () => {
        const id = `0000000${issued.length + 1}-aaaa-4bbb-8ccc-dddddddddddd`;
        issued.push(id);
        return id;
      },
    },
  });
  return BrowserWindow.instances.at(-1)!;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function decodeDataUrl(url: string): string {
  const prefix = 'data:text/html;charset=utf-8,';
  expect(url.startsWith(prefix), url.slice(0, 40)).toBe(true);
  return decodeURIComponent(url.slice(prefix.length));
}

/** The window is visible and shows exactly one error page, whose reference is the one logged for `event`. */
function expectErrorPageFor(window: BrowserWindow, event: string): string {
  expect(window.shown).toBeGreaterThan(0);
  expect(window.loadedUrls).toHaveLength(2);
  const page = window.loadedUrls[1]!;
  const records = logger.find(event);
  expect(records).toHaveLength(1);
  const reference = records[0]!.fields.correlationId as string;
  expect(reference).toBe(issued[0]);
  expect(page).toContain(reference);
  const html = decodeDataUrl(page);
  expect(html).toContain(`<code>${reference}</code>`);
  expect(html).toMatch(/start it again/i);
  expect(html).toMatch(/report it/i);
  return html;
}

describe('the window never stays hidden', () => {
  it('a main-frame load failure before the first paint shows the window with an error page', async () => {
    const window = open();
    expect(window.shown).toBe(0);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'app://app/index.html?x=1', true);
    await settle();
    const html = expectErrorPageFor(window, 'window.load_failed');
    expect(html).toContain('could not be loaded');
    expect(logger.find('window.load_failed')[0]!.fields).toMatchObject({
      errorCode: -102,
      errorDescription: 'ERR_CONNECTION_REFUSED',
      origin: 'app://app',
    });
  });

  it('loadURL rejecting (with its did-fail-load) is one failure, one log line, one error page', async () => {
    BrowserWindow.loadOutcomes = [{ errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' }];
    const window = open('http://localhost:5173/?token=abc');
    await settle();
    expectErrorPageFor(window, 'window.load_failed');
    expect(JSON.stringify(logger.records)).not.toContain('token=abc');
  });

  it('the renderer dying before the first paint shows the window with an error page', async () => {
    const window = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    const html = expectErrorPageFor(window, 'window.renderer_gone');
    expect(html).toContain('stopped unexpectedly');
    expect(logger.find('window.renderer_gone')[0]!.fields).toMatchObject({ reason: 'crashed', exitCode: 139 });
  });

  it('a failing error page does not load another', async () => {
    BrowserWindow.loadOutcomes = [
      { errorCode: -102, errorDescription: 'ERR_CONNECTION_REFUSED' },
      { errorCode: -2, errorDescription: 'ERR_FAILED' },
    ];
    const window = open();
    await settle();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(window.loadedUrls).toHaveLength(2);
    expect(window.shown).toBeGreaterThan(0);
    expect(issued).toHaveLength(1);
    expect(logger.find('window.error_page_failed')[0]!.fields).toMatchObject({ correlationId: issued[0] });
  });

  it('after the first paint, a failure or crash is logged but the page is not replaced', async () => {
    const window = open();
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'app://app/index.html', true);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    await settle();
    expect(window.loadedUrls).toEqual(['app://app/index.html']);
    expect(window.shown).toBe(1);
    expect(logger.find('window.renderer_gone')[0]!.fields).toMatchObject({ phase: 'ready', reason: 'oom' });
  });

  it('a subframe failing to load is not the page failing', async () => {
    const window = open();
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'https://x.example/', false);
    await settle();
    expect(window.loadedUrls).toHaveLength(1);
    expect(window.shown).toBe(0);
  });
});

describe('the error page', () => {
  it('is self-contained: escaped text, no script, its own restrictive CSP first in <head>', () => {
    const html = errorPageHtml('load-failed', '<script>alert("x")</script>&');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(src|href)=/i);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1]?.replaceAll('&#39;', "'")).toBe(ERROR_PAGE_CSP);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(ERROR_PAGE_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='/);
    expect(ERROR_PAGE_CSP).not.toContain('unsafe');
  });
});

describe('external links', () => {
  it('opens a listed page in the browser', () => {
    const window = open();
    expect(window.webContents.openHandler!({ url: EXTERNAL_LINKS.ollamaDownload })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler!({ url: 'https://lmstudio.ai' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([EXTERNAL_LINKS.ollamaDownload, 'https://lmstudio.ai']);
  });

  it.each([
    'https://evil.example/download',
    'https://ollama.com/download?ref=sk-secret-query-123',
    'https://ollama.com/download#install',
    'https://ollama.com/download/windows',
    'https://ollama.com/',
    'http://ollama.com/download',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses and logs %s (origin only)', (url) => {
    const window = open();
    expect(window.webContents.openHandler!({ url })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
    const refused = logger.find('window.external_link_refused');
    expect(refused).toHaveLength(1);
    const logged = JSON.stringify(refused[0]!.fields);
    expect(logged).not.toContain('sk-secret');
    expect(logged).not.toContain('/download');
    expect(logged).not.toContain('/etc/passwd');
  });
});

describe('the window background follows the OS theme', () => {
  it('opens with the background of the current theme, and follows a change until the window closes', () => {
    nativeTheme.shouldUseDarkColors = true;
    const window = open();
    expect(window.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    nativeTheme.setDark(false);
    expect(window.backgroundColors).toEqual([WINDOW_BACKGROUND.light]);
    nativeTheme.setDark(true);
    expect(window.backgroundColors).toEqual([WINDOW_BACKGROUND.light, WINDOW_BACKGROUND.dark]);
    window.emit('closed');
    nativeTheme.setDark(false);
    expect(window.backgroundColors).toHaveLength(2);
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('a light OS gives the light background', () => {
    expect(open().options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
  });
});
