// One fixture, two launchers. Where an Electron binary exists, Playwright's _electron launches the real app.
// Otherwise (these CI machines) Debian's Chromium loads the built renderer and page.exposeBinding stands in
// for the preload bridge, with the real main-side IPC server and core running in this test process (fake
// cipher, temp-dir vault, loopback fake providers).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { _electron, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/start.mjs';
import type { IpcServerMessage } from '../../../shared/ipc-protocol.js';
import { TrpcIpcServer, type IpcSender } from '../../../src-main/ipc/trpc-ipc-server.js';
import { judgeSender } from '../../../src-main/ipc/validate-sender.js';
import type { AppRouter } from '../../../src/trpc/app.router.js';
import { systemClock } from '../../../src/system/system-clock.js';
import { createTestCore, type TestCore, type TestCoreOptions } from '../../support/create-test-core.js';
import { serveRenderer, type RendererServer } from './static-renderer-server.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

export type LauncherMode = 'electron' | 'chromium';

/** electron where a binary exists (or E2E_LAUNCHER=electron), else Debian Chromium. */
export function launcherMode(): LauncherMode {
  const wanted = process.env.E2E_LAUNCHER;
  if (wanted === 'electron' || wanted === 'chromium') return wanted;
  return findElectronBinary().found ? 'electron' : 'chromium';
}

export interface LaunchedApp {
  readonly mode: LauncherMode;
  readonly page: Page;
  /** The in-process core (Chromium launcher only; the Electron app keeps its core to itself). */
  readonly t: TestCore;
  readonly server: TrpcIpcServer<AppRouter>;
  /** Opens a second window on the same main process (same core). */
  openSecondWindow(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Exposes window.electronTRPC exactly as the preload does: sendMessage + onMessage, nothing else. Each page
 * load tags its messages with a fresh id, so main can tell a reload apart, as Electron's navigation events do.
 */
const BRIDGE_INIT = () => {
  const listeners: Array<(message: unknown) => void> = [];
  const loadId = crypto.randomUUID();
  Object.defineProperty(window, '__deliverFromMain', {
    value: (forLoad: string, message: unknown) => {
      if (forLoad === loadId) listeners.forEach((l) => l(message));
    },
  });
  const send = (window as unknown as { __sendToMain: (loadId: string, m: unknown) => Promise<void> }).__sendToMain;
  Object.defineProperty(window, 'electronTRPC', {
    value: Object.freeze({
      sendMessage: (message: unknown) => void send(loadId, message),
      onMessage: (callback: (message: unknown) => void) => void listeners.push(callback),
    }),
  });
};

async function connectPage(
  context: BrowserContext,
  server: TrpcIpcServer<AppRouter>,
  renderer: RendererServer,
  nextSenderId: () => number,
): Promise<Page> {
  const page = await context.newPage();
  let closed = false;
  let current: { loadId: string; senderId: number } | null = null;
  const senders = new Map<string, IpcSender>();
  page.on('close', () => {
    closed = true;
    if (current) void server.releaseSender(current.senderId);
  });
  /** One IpcSender per page load: a reload ends the previous load's subscriptions and drops its answers. */
  const senderFor = (loadId: string): IpcSender => {
    const known = senders.get(loadId);
    if (known) return known;
    if (current) void server.releaseSender(current.senderId);
    const senderId = nextSenderId();
    current = { loadId, senderId };
    const sender: IpcSender = {
      id: senderId,
      isGone: () => closed || page.isClosed() || current?.loadId !== loadId,
      send: (message: IpcServerMessage) => {
        page
          .evaluate(
            ([load, m]) =>
              (window as unknown as { __deliverFromMain(l: string, m: unknown): void }).__deliverFromMain(load, m),
            [loadId, message] as const,
          )
          .catch(() => undefined);
      },
    };
    senders.set(loadId, sender);
    return sender;
  };
  await page.exposeBinding('__sendToMain', (source, loadId: string, message: unknown) => {
    const verdict = judgeSender(
      {
        knownWebContents: source.page === page,
        isTopFrame: source.frame === page.mainFrame(),
        frameUrl: source.frame.url(),
      },
      [renderer.origin],
    );
    void server.handle(senderFor(loadId), message, verdict);
  });
  await page.addInitScript(BRIDGE_INIT);
  await page.goto(renderer.url);
  return page;
}

export interface LaunchOptions extends TestCoreOptions {
  /** The spec reaches into the core (seeding, switching the cipher): it cannot run against real Electron. */
  readonly needsCore?: boolean;
}

export async function launchApp(browser: Browser, options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (launcherMode() === 'electron') {
    test.skip(
      options.needsCore === true || options.availability !== undefined || options.dir !== undefined,
      'drives the in-process core, which the real Electron app does not expose',
    );
    return launchElectron(options);
  }
  return launchChromium(browser, options);
}

/** The real app through Playwright's Electron support, with its own user data dir. */
async function launchElectron(options: LaunchOptions): Promise<LaunchedApp> {
  const userData = await mkdtemp(path.join(tmpdir(), 'llm-e2e-electron-'));
  const binary = findElectronBinary();
  const electronApp = await _electron.launch({
    executablePath: binary.path,
    args: [path.join(ROOT, 'out', 'main', 'main.js')],
    env: {
      ...process.env,
      LLM_PROFILES_USER_DATA_DIR: userData,
      ...(options.discovery?.ports && { LLM_PROFILES_DISCOVERY_PORTS: options.discovery.ports.join(',') }),
    },
  });
  const page = await electronApp.firstWindow();
  const unavailable = () => {
    throw new Error('the Electron launcher has no in-process core');
  };
  return {
    mode: 'electron',
    page,
    get t(): TestCore {
      return unavailable();
    },
    get server(): TrpcIpcServer<AppRouter> {
      return unavailable();
    },
    openSecondWindow: async () => unavailable(),
    close: async () => {
      await electronApp.close();
      await rm(userData, { recursive: true, force: true });
    },
  };
}

async function launchChromium(browser: Browser, options: LaunchOptions): Promise<LaunchedApp> {
  const t = await createTestCore(options);
  const server = new TrpcIpcServer<AppRouter>({
    router: t.core.router,
    createContext: ({ correlationId }) => t.core.createContext(correlationId),
    logger: t.core.logger,
    ids: t.core.ids,
    clock: systemClock,
  });
  const renderer = await serveRenderer(RENDERER_DIR);
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce' });
  let lastSender = 0;
  const nextSenderId = () => (lastSender += 1);
  const page = await connectPage(context, server, renderer, nextSenderId);
  return {
    mode: 'chromium',
    page,
    t,
    server,
    openSecondWindow: () => connectPage(context, server, renderer, nextSenderId),
    close: async () => {
      await context.close();
      await server.stopAll();
      await renderer.close();
      await t.dispose();
    },
  };
}
