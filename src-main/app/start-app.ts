// The composition root of the Electron main process. Order matters: the app:// scheme is registered before
// `ready`; the single-instance lock is taken before anything touches the vault (a second launch only focuses
// the first window); adapters are built after `ready` (safeStorage needs it); logs are flushed on quit.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Electron from 'electron';
import { APP_NOTICE_TITLES, describeError } from '../../shared/errors/error-catalog.js';
import {
  appRouter,
  AppError,
  AtomicFileStore,
  CALL_LIMITS,
  createContextInner,
  createCore,
  createDiagnosticsLogger,
  describeUnexpected,
  errnoOf,
  nodeTimers,
  randomIds,
  SecretRegistry,
  storageError,
  systemClock,
  type AppRouter,
  type CoreServices,
  type JsonlLogger,
  logFilesIn,
} from '../../src/index.js';
import { SafeStorageCipher } from '../adapters/safe-storage-cipher.adapter.js';
import { WindowStateStore } from '../adapters/window-state.store.js';
import { registerIpc, WindowRegistry } from '../ipc/register-ipc.js';
import { TrpcIpcServer } from '../ipc/trpc-ipc-server.js';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  createAppProtocolHandler,
  registerAppScheme,
  APP_SCHEME,
} from '../protocol/app-protocol.js';
import { createMainWindow, focusWindow } from '../window/main-window.js';
import { createElectronNetwork, proxyLoginListener } from '../adapters/electron-net.adapter.js';
import { createFileDialogs } from '../adapters/file-dialogs.adapter.js';
import { judgePermission, type PermissionFacts } from '../window/permissions.js';
import { loggableOrigin } from '../../shared/origin.js';
import { contentSecurityPolicy, parseScriptHashes } from '../window/window-security.js';

type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'protocol' | 'ipcMain' | 'session' | 'shell' | 'dialog' | 'screen' | 'nativeTheme'
>;

export interface StartOptions {
  /** Where the built main bundle lives; the preload and renderer are found relative to it. */
  readonly mainDir: string;
  /** Set by electron-vite in development: the renderer dev server. */
  readonly devServerUrl?: string | undefined;
  /**
   * Development only (ELECTRON_RENDERER_SCRIPT_HASHES, set by electron.vite.config.ts): CSP hashes of the inline
   * scripts the dev server injects into index.html.
   */
  readonly devScriptHashes?: readonly string[] | undefined;
  /** Test hook (LLM_PROFILES_USER_DATA_DIR): keep an end-to-end run's vault and logs in its own directory. */
  readonly userDataDir?: string | undefined;
  /** Test hook (LLM_PROFILES_DISCOVERY_PORTS): the ports discovery probes instead of the known ones. */
  readonly discoveryPorts?: readonly number[] | undefined;
}

/** Reads the start options main.ts passes, from electron-vite's and the e2e runner's environment. */
export function startOptionsFromEnv(mainDir: string, env: NodeJS.ProcessEnv): StartOptions {
  const ports = env.LLM_PROFILES_DISCOVERY_PORTS?.split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n < 65_536);
  return {
    mainDir,
    devServerUrl: env.ELECTRON_RENDERER_URL,
    devScriptHashes: parseScriptHashes(env.ELECTRON_RENDERER_SCRIPT_HASHES),
    userDataDir: env.LLM_PROFILES_USER_DATA_DIR,
    ...(ports && ports.length > 0 && { discoveryPorts: ports }),
  };
}

export interface AppHandle {
  /** Resolves when start-up finished (or was skipped because another instance owns the lock). */
  readonly ready: Promise<{ started: boolean }>;
}

interface Running {
  readonly core: CoreServices;
  readonly logger: JsonlLogger;
  readonly server: TrpcIpcServer<AppRouter>;
  readonly windows: WindowRegistry;
  readonly windowState: WindowStateStore;
  window: Electron.BrowserWindow | null;
}

export function startApp(electron: ElectronApi, options: StartOptions): AppHandle {
  const { app } = electron;
  if (app.isPackaged) {
    // A packaged app never trusts a renderer URL, script hashes or test hooks from its environment.
    options = { mainDir: options.mainDir };
  }
  if (options.userDataDir) app.setPath('userData', path.resolve(options.userDataDir));
  registerAppScheme(electron.protocol);
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the vault: hand over to it and leave without touching anything.
    app.quit();
    return { ready: Promise.resolve({ started: false }) };
  }
  let running: Running | null = null;
  app.on('second-instance', () => focusWindow(running?.window ?? null));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !running) return;
    quitting = true;
    event.preventDefault();
    const current = running;
    void shutDown(current).finally(() => app.exit(0));
  });

  // Diagnostics come first, so even a start-up failure leaves the line its reference points to.
  let diagnostics: Diagnostics | null = null;
  const ready = app.whenReady().then(async () => {
    diagnostics = openDiagnostics(app.getPath('userData'));
    running = await boot(electron, options, diagnostics);
    app.on('activate', () => {
      if (running && (running.window === null || running.window.isDestroyed()))
        running.window = openWindow(electron, options, running);
    });
    return { started: true };
  });
  ready.catch((error: unknown) => failStartup(electron, error, diagnostics));
  return { ready };
}

interface Diagnostics {
  readonly secrets: SecretRegistry;
  readonly logger: JsonlLogger;
}

function openDiagnostics(userData: string): Diagnostics {
  const secrets = new SecretRegistry();
  return { secrets, logger: createDiagnosticsLogger({ dir: path.join(userData, 'logs'), secrets }) };
}

async function boot(electron: ElectronApi, options: StartOptions, { secrets, logger }: Diagnostics): Promise<Running> {
  const { app } = electron;
  const userData = app.getPath('userData');
  const store = new AtomicFileStore({
    dir: userData,
    onWarning: (event, error) =>
      logger.log('warn', 'vault.store_warning', { event, errno: errnoOf(error) ?? 'unknown' }),
  });
  const cipher = new SafeStorageCipher();
  // Chromium's network (system proxy, PAC, the OS certificate store) in the app; Node's fetch stays for tests.
  const network = createElectronNetwork(electron.session);
  // A proxy of a profile's own that asks who is calling is answered with that profile's user and password.
  app.on('login', proxyLoginListener(network));
  const core = await createCore(
    {
      cipher,
      store,
      logger,
      secrets,
      clock: systemClock,
      timers: nodeTimers,
      ids: randomIds,
      network,
      files: createFileDialogs(electron.dialog, electron.BrowserWindow),
      diagnostics: logFilesIn(path.join(electron.app.getPath('userData'), 'logs'), {
        app: electron.app.getVersion(),
        electron: process.versions.electron ?? 'unknown',
        chrome: process.versions.chrome ?? 'unknown',
        node: process.versions.node,
        os: `${process.platform} ${os.release()} ${process.arch}`,
      }),
    },
    {
      appVersion: electron.app.getVersion(),
      ...(options.discoveryPorts && { discovery: { ports: options.discoveryPorts } }),
    },
  );
  const server = new TrpcIpcServer({
    router: appRouter,
    createContext: ({ correlationId }) => createContextInner(core, correlationId),
    logger,
    ids: randomIds,
    clock: systemClock,
    timers: nodeTimers,
    limits: CALL_LIMITS,
  });
  const windows = new WindowRegistry((id) => void server.releaseSender(id));
  const running: Running = { core, logger, server, windows, windowState: new WindowStateStore(userData), window: null };

  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  const csp = contentSecurityPolicy(devOrigin, options.devScriptHashes);
  electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(options.mainDir, '../renderer'), csp));
  const defaultSession = electron.session.defaultSession;
  guardPermissions(defaultSession, running, allowedOrigins(options));
  if (devOrigin) {
    defaultSession.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
    );
  }
  registerIpc({ ipcMain: electron.ipcMain, server, windows, allowedOrigins: allowedOrigins(options) });
  running.window = openWindow(electron, options, running);

  const status = await core.storage.status();
  logger.log('info', 'app.started', {
    version: app.getVersion(),
    platform: process.platform,
    encryption: status.encryption,
    backend: status.backend,
    recovered: status.recovery !== null,
  });
  return running;
}

/**
 * Pages get one permission: clipboard writes ("Copy reference") from the app's own page in its own window. Requests
 * refused are logged; permission checks (Chromium makes many, unprompted) only at debug level.
 */
function guardPermissions(session: Electron.Session, running: Running, allowed: readonly string[]): void {
  const { logger, windows } = running;
  const facts = (
    contents: Electron.WebContents | null,
    permission: string,
    requestingUrl: string | undefined,
    isMainFrame: boolean,
  ): PermissionFacts => ({
    permission,
    knownWebContents: contents !== null && !contents.isDestroyed() && windows.has(contents.id),
    requestingUrl: requestingUrl ?? null,
    contentsUrl: contents === null || contents.isDestroyed() ? null : contents.getURL(),
    isMainFrame,
  });
  /** The verdict on one request or check; a refusal is logged at `level` under `event`. */
  const judge = (asked: PermissionFacts, level: 'warn' | 'debug', event: string): boolean => {
    const verdict = judgePermission(asked, allowed);
    if (!verdict.granted) {
      logger.log(level, event, {
        permission: asked.permission,
        reason: verdict.reason,
        origin: loggableOrigin(asked.requestingUrl),
      });
    }
    return verdict.granted;
  };
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(
      judge(
        facts(contents, permission, details.requestingUrl, details.isMainFrame),
        'warn',
        'window.permission_denied',
      ),
    ),
  );
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    judge(
      facts(contents, permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
      'debug',
      'window.permission_check_denied',
    ),
  );
  session.setDevicePermissionHandler((details) => {
    logger.log('warn', 'window.device_permission_denied', {
      deviceType: details.deviceType,
      origin: loggableOrigin(details.origin),
    });
    return false;
  });
}

function openWindow(electron: ElectronApi, options: StartOptions, running: Running): Electron.BrowserWindow {
  const { windowState } = running;
  const saved = windowState.load(electron.screen.getAllDisplays().map((d) => d.workArea));
  const window = createMainWindow({
    BrowserWindow: electron.BrowserWindow,
    shell: electron.shell,
    preloadPath: path.join(options.mainDir, '../preload/preload.cjs'),
    url: options.devServerUrl ?? APP_ENTRY_URL,
    allowedOrigins: allowedOrigins(options),
    bounds: saved?.bounds,
    devTools: !electron.app.isPackaged,
    logger: running.logger,
    ids: running.core.ids,
    nativeTheme: electron.nativeTheme,
  });
  if (saved?.maximized) window.maximize();
  running.windows.add(window.webContents);
  window.on('close', () => windowState.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  return window;
}

function allowedOrigins(options: StartOptions): string[] {
  return options.devServerUrl ? [APP_ORIGIN, new URL(options.devServerUrl).origin] : [APP_ORIGIN];
}

async function shutDown(running: Running): Promise<void> {
  running.logger.log('info', 'app.quitting', {});
  await running.server.stopAll();
  await running.core.close();
  await running.logger.close();
}

/**
 * Start-up failed before there was a window: log it under a reference, say what happened, what to do and that
 * reference, then quit once the log line is on disk.
 */
async function failStartup(electron: ElectronApi, error: unknown, diagnostics: Diagnostics | null): Promise<void> {
  const code =
    error instanceof AppError
      ? error
      : errnoOf(error) !== null
        ? storageError(error, electron.app.getPath('userData'))
        : null;
  const words = describeError(code?.code ?? 'INTERNAL', code?.params);
  const reference = randomIds.correlationId();
  if (diagnostics) {
    // The logger scrubs every secret it was told about; the description keeps the name, message and stack.
    diagnostics.logger.log('error', 'app.startup_failed', {
      correlationId: reference,
      errorCode: code?.code ?? 'INTERNAL',
      error: describeUnexpected(error),
    });
    await diagnostics.logger.close().catch(() => undefined);
  } else {
    process.stderr.write(`startup failed (${reference}): ${error instanceof Error ? error.message : String(error)}\n`);
  }
  electron.dialog.showErrorBox(
    APP_NOTICE_TITLES.startFailed,
    `${words.message}\n\n${words.remediation}\n\nReference: ${reference}`,
  );
  electron.app.exit(1);
}

export function mainDirOf(moduleUrl: string): string {
  return path.dirname(fileURLToPath(moduleUrl));
}
