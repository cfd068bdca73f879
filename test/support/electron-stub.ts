// A small stand-in for the `electron` module (aliased in vitest.config.ts) with just enough behaviour for the
// src-main adapters and shell to be unit-tested in plain Node. Everything is recorded and switchable; call
// resetElectronStub() between tests.
import { EventEmitter } from 'node:events';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Behaves like safeStorage: real AES so ciphertext never contains the plaintext; switchable availability. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as Backend,
  failNextDecrypt: false,
  key: randomBytes(32),
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  },
  getSelectedStorageBackend(): Backend {
    return this.backend;
  },
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, body, cipher.getAuthTag()]);
  },
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!this.available || this.failNextDecrypt) {
      this.failNextDecrypt = false;
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    const iv = encrypted.subarray(3, 15);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
    const result = Buffer.concat([
      decipher.update(encrypted.subarray(15, encrypted.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    return { shouldReEncrypt: false, result };
  },
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
    this.failNextDecrypt = false;
  },
};

class FakeApp extends EventEmitter {
  userData = '';
  isPackaged = false;
  hasLock = true;
  readyNow = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  private readyResolvers: Array<() => void> = [];

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return this.readyNow ? Promise.resolve() : new Promise((resolve) => this.readyResolvers.push(resolve));
  }
  fireReady(): void {
    for (const r of this.readyResolvers.splice(0)) r();
  }
  setPath(name: string, value: string): void {
    if (name === 'userData') this.userData = value;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stub app.getPath(${name}) not supported`);
    return this.userData;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  quit(): void {
    this.quitCalls += 1;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', event);
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

let nextWebContentsId = 100;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly mainFrame = { parent: null, url: '', isDestroyed: () => this.destroyed };
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** A load that fails as Electron's does: did-fail-load on the main frame, then loadURL rejects. */
export interface LoadFailure {
  readonly errorCode: number;
  readonly errorDescription: string;
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  /** Outcomes of the next loadURL calls of any window, in order; null (or none left) is a successful load. */
  static loadOutcomes: Array<LoadFailure | null> = [];
  readonly webContents = new FakeWebContents();
  loadedUrls: string[] = [];
  minimized = false;
  maximized = false;
  shown = 0;
  focused = 0;
  restored = 0;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1100, height: 760 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    const failure = BrowserWindow.loadOutcomes.shift() ?? null;
    if (failure) {
      this.webContents.emit('did-fail-load', {}, failure.errorCode, failure.errorDescription, url, true, 1, 1);
      throw Object.assign(new Error(`${failure.errorDescription} (${failure.errorCode}) loading '${url}'`), {
        errno: failure.errorCode,
        code: failure.errorDescription,
        url,
      });
    }
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {
    this.focused += 1;
  }
  restore(): void {
    this.restored += 1;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return this.bounds;
  }
  backgroundColors: string[] = [];
  setBackgroundColor(colour: string): void {
    this.backgroundColors.push(colour);
  }
}

/** The OS light/dark setting; `setDark` changes it as the OS would and emits 'updated'. */
class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  setDark(dark: boolean): void {
    this.shouldUseDarkColors = dark;
    this.emit('updated');
  }
}
export const nativeTheme = new FakeNativeTheme();

export const app = new FakeApp();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const ipcMain = new EventEmitter();

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

/** A session from fromPartition: records its proxy settings and its fetches; answers with `respond`. */
export class StubSession {
  readonly proxyCalls: Array<Record<string, unknown>> = [];
  readonly fetches: Array<{ url: string; init: RequestInit & Record<string, unknown> }> = [];
  respond: (url: string, init: RequestInit) => Promise<Response> = () => Promise.resolve(new Response('ok'));
  constructor(
    readonly partition: string,
    readonly options: { cache?: boolean } | undefined,
  ) {}
  setProxy(config: Record<string, unknown>): Promise<void> {
    this.proxyCalls.push(config);
    return Promise.resolve();
  }
  fetch(url: string, init: RequestInit & Record<string, unknown>): Promise<Response> {
    this.fetches.push({ url, init });
    return this.respond(url, init);
  }
}

export const session = {
  partitions: new Map<string, StubSession>(),
  fromPartition(partition: string, options?: { cache?: boolean }): StubSession {
    let found = this.partitions.get(partition);
    if (!found) {
      found = new StubSession(partition, options);
      this.partitions.set(partition, found);
    }
    return found;
  },
  defaultSession: {
    permissionHandler: null as null | PermissionRequestHandler,
    permissionCheckHandler: null as null | PermissionCheckHandler,
    devicePermissionHandler: null as null | ((details: { deviceType: string; origin: string }) => boolean),
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.permissionHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (details: { deviceType: string; origin: string }) => boolean): void {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      headerListeners: [] as Array<{ filter: { urls: string[] }; listener: HeadersListener }>,
      onHeadersReceived(filter: { urls: string[] }, listener: HeadersListener): void {
        this.headerListeners.push({ filter, listener });
      },
    },
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
  async openPath(): Promise<string> {
    return '';
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
  /** What the next Save / Open dialog answers: a path, or null for Cancel. */
  nextSavePath: null as string | null,
  nextOpenPath: null as string | null,
  asked: [] as Array<{ kind: 'save' | 'open'; modal: boolean; options: unknown }>,
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    this.asked.push({ kind: 'save', modal: args.length === 2, options: args.at(-1) });
    const filePath = this.nextSavePath;
    return Promise.resolve(filePath === null ? { canceled: true } : { canceled: false, filePath });
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.asked.push({ kind: 'open', modal: args.length === 2, options: args.at(-1) });
    const path = this.nextOpenPath;
    return Promise.resolve(path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] });
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  sent: [] as Array<[string, unknown]>,
  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  },
});

export function resetElectronStub(userData = ''): void {
  safeStorage.reset();
  app.removeAllListeners();
  Object.assign(app, { userData, isPackaged: false, hasLock: true, readyNow: true, quitCalls: 0, exitCodes: [] });
  BrowserWindow.instances = [];
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  protocol.privileged = [];
  protocol.handlers.clear();
  ipcMain.removeAllListeners();
  BrowserWindow.loadOutcomes = [];
  session.defaultSession.permissionHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  session.defaultSession.devicePermissionHandler = null;
  session.defaultSession.webRequest.headerListeners = [];
  session.partitions.clear();
  shell.opened = [];
  dialog.errors = [];
  dialog.nextSavePath = null;
  dialog.nextOpenPath = null;
  dialog.asked = [];
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.sent = [];
}

export default {
  app,
  BrowserWindow,
  protocol,
  ipcMain,
  session,
  shell,
  dialog,
  screen,
  nativeTheme,
  safeStorage,
  contextBridge,
  ipcRenderer,
};
