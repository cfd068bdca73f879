// Two launchers behind one interface. Where an Electron binary exists (or E2E_LAUNCHER=electron), Playwright's
// _electron starts the real app from the project root, so Electron reads package.json and runs it under its own
// name and version. Otherwise a Chromium-family browser loads the built renderer and page.exposeBinding stands in
// for the preload bridge, with the real main-side IPC server and core running in this test process (fake cipher,
// temp-dir vault, loopback fake providers). Either way the app's diagnostics land as JSONL in `<dataDir>/logs`.
import { onlyStartedServers } from '../../support/started-servers.js';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { electronMode } from '../../../scripts/e2e-browser.mjs';
import { findElectronBinary } from '../../../scripts/start.mjs';
import type { IpcServerMessage } from '../../../shared/ipc-protocol.js';
import { TrpcIpcServer, type IpcSender } from '../../../src-main/ipc/trpc-ipc-server.js';
import { judgeSender } from '../../../src-main/ipc/validate-sender.js';
import { appRouter, type AppRouter } from '../../../src/api/app.router.js';
import { createContextInner } from '../../../src/api/context.js';
import { systemClock } from '../../../src/adapters/system-clock.adapter.js';
import { nodeTimers } from '../../../src/adapters/node-timers.adapter.js';
import { CALL_LIMITS } from '../../../src/api/call-limits.js';
import { createTestCore, type TestCore, type TestCoreOptions } from '../../support/create-test-core.js';
import { suiteDir } from '../../support/suite-diagnostics.js';
import { hasKeyringTools, KEYRING_SETUP_HINT, startLinuxKeyring, type LinuxKeyring } from './linux-keyring.js';
import { serveRenderer, type RendererServer } from './static-renderer-server.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

export type LauncherMode = 'electron' | 'chromium';

export function launcherMode(): LauncherMode {
  return electronMode() ? 'electron' : 'chromium';
}

/** One JSONL diagnostics record as the app writes it. */
export interface LogLine {
  readonly event: string;
  readonly correlationId: string | null;
  readonly [field: string]: unknown;
}

export interface LaunchedApp {
  readonly mode: LauncherMode;
  readonly page: Page;
  /** Where the app keeps its vault and its logs/ folder (the user data dir). */
  readonly dataDir: string;
  /** The in-process core (Chromium launcher only; the Electron app keeps its core to itself). */
  readonly t: TestCore;
  readonly server: TrpcIpcServer<AppRouter>;
  /** Every diagnostics record written so far, read from the JSONL files in `<dataDir>/logs`. */
  diagnostics(): Promise<LogLine[]>;
  /** Whether a diagnostics record matching `predicate` has reached the disk (poll it: writes are buffered). */
  logged(predicate: (line: LogLine) => boolean): Promise<boolean>;
  /** Opens a second window on the same main process (same core). */
  openSecondWindow(): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions extends TestCoreOptions {
  /** The spec reaches into the core (seeding, switching the cipher): it cannot run against real Electron. */
  readonly needsCore?: boolean;
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

/** Every record of every JSONL file in `<dataDir>/logs` (a line still being written is skipped). */
export async function readDiagnostics(dataDir: string): Promise<LogLine[]> {
  const dir = path.join(dataDir, 'logs');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const lines: LogLine[] = [];
  for (const name of names) {
    for (const text of (await readFile(path.join(dir, name), 'utf8')).split('\n')) {
      try {
        if (text) lines.push(JSON.parse(text) as LogLine);
      } catch {
        // the tail of a line the logger is still writing
      }
    }
  }
  return lines;
}

/** In Chromium mode the browser comes from the fixture; in Electron mode it is null and never launched. */
export async function launchApp(browser: Browser | null, options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (launcherMode() === 'electron') {
    test.skip(
      options.needsCore === true || options.availability !== undefined,
      'drives the in-process core, which the real Electron app does not expose',
    );
    return launchElectron(options);
  }
  if (!browser) throw new Error('the Chromium launcher needs a browser');
  return launchChromium(browser, options);
}

/** The real app through Playwright's Electron support, with its own user data dir (and keyring on Linux). */
async function launchElectron(options: LaunchOptions): Promise<LaunchedApp> {
  const dataDir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'llm-e2e-electron-')));
  let keyring: LinuxKeyring | null = null;
  if (process.platform === 'linux') {
    if (!hasKeyringTools()) throw new Error(KEYRING_SETUP_HINT);
    keyring = await startLinuxKeyring();
  }
  const binary = findElectronBinary();
  const electronApp = await _electron.launch({
    executablePath: binary.path,
    args: [ROOT, ...(keyring?.args ?? [])],
    env: {
      ...(process.env as Record<string, string>),
      ...keyring?.env,
      LLM_PROFILES_USER_DATA_DIR: dataDir,
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
    dataDir,
    get t(): TestCore {
      return unavailable();
    },
    get server(): TrpcIpcServer<AppRouter> {
      return unavailable();
    },
    diagnostics: () => readDiagnostics(dataDir),
    logged: async (predicate) => (await readDiagnostics(dataDir)).some(predicate),
    openSecondWindow: () => Promise.reject(new Error('the Electron app opens one window')),
    close: async () => {
      await electronApp.close();
      await keepForLogScan(dataDir);
      await keyring?.[Symbol.asyncDispose]();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Copies the Electron app's logs where the end-of-run scan for leaked keys looks. */
async function keepForLogScan(dataDir: string): Promise<void> {
  const suite = suiteDir();
  if (!suite) return;
  const from = path.join(dataDir, 'logs');
  const to = path.join(suite, 'logs');
  await mkdir(to, { recursive: true });
  const names = await readdir(from).catch(() => [] as string[]);
  const tag = path.basename(dataDir);
  for (const name of names.filter((n) => n.endsWith('.jsonl')))
    await copyFile(path.join(from, name), path.join(to, `${tag}-${name}`));
}

async function launchChromium(browser: Browser, options: LaunchOptions): Promise<LaunchedApp> {
  // The app reaches only servers the test started: a local address it asks by itself finds nothing else.
  const t = await createTestCore({ network: onlyStartedServers(fetchNetwork), ...options, logsInDataDir: true });
  const server = new TrpcIpcServer<AppRouter>({
    router: appRouter,
    createContext: ({ correlationId }) => createContextInner(t.core, correlationId),
    logger: t.core.logger,
    ids: t.core.ids,
    clock: systemClock,
    timers: nodeTimers,
    limits: CALL_LIMITS,
  });
  const renderer = await serveRenderer(RENDERER_DIR);
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce' });
  let lastSender = 0;
  const nextSenderId = () => (lastSender += 1);
  const page = await connectPage(context, server, renderer, nextSenderId);
  return {
    mode: 'chromium',
    page,
    dataDir: t.dir,
    t,
    server,
    diagnostics: () => readDiagnostics(t.dir),
    logged: async (predicate) => (await readDiagnostics(t.dir)).some(predicate),
    openSecondWindow: () => connectPage(context, server, renderer, nextSenderId),
    close: async () => {
      await context.close();
      await server.stopAll();
      await renderer.close();
      await t.dispose();
    },
  };
}
