// Creates the app window with the secure preferences and the guards that keep it on the app's own pages:
// navigation elsewhere is cancelled, new windows are denied (https links open in the learner's browser),
// <webview> cannot be attached.
import type { BrowserWindow as BrowserWindowType, Rectangle, Shell } from 'electron';
import type { Logger } from '../../src/ports/logger.port.js';
import { isAllowedNavigation, isExternalLinkAllowed, secureWebPreferences } from './window-security.js';

export interface MainWindowOptions {
  readonly BrowserWindow: typeof BrowserWindowType;
  readonly shell: Pick<Shell, 'openExternal'>;
  readonly preloadPath: string;
  readonly url: string;
  readonly allowedOrigins: readonly string[];
  readonly bounds?: Partial<Rectangle> | undefined;
  /** Off in packaged builds. */
  readonly devTools?: boolean;
  readonly logger: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindowType {
  const { logger } = options;
  const window = new options.BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    ...options.bounds,
    show: false,
    title: 'LLM Profiles',
    backgroundColor: '#f7f7f5',
    webPreferences: { ...secureWebPreferences(options.preloadPath), devTools: options.devTools ?? false },
  });
  const contents = window.webContents;

  const guard = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, options.allowedOrigins)) return;
    event.preventDefault();
    logger.log('warn', 'window.navigation_blocked', { kind, origin: safeOrigin(url) });
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, options.allowedOrigins)) {
      event.preventDefault();
      logger.log('warn', 'window.navigation_blocked', { kind: 'frame', origin: safeOrigin(event.url) });
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.log('warn', 'window.webview_blocked', {});
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) {
      void options.shell
        .openExternal(url)
        .catch((error: unknown) => logger.log('warn', 'window.open_external_failed', { error: String(error) }));
    } else {
      logger.log('warn', 'window.new_window_blocked', { origin: safeOrigin(url) });
    }
    return { action: 'deny' };
  });

  window.once('ready-to-show', () => window.show());
  void window
    .loadURL(options.url)
    .catch((error: unknown) => logger.log('error', 'window.load_failed', { error: String(error) }));
  return window;
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparsable';
  }
}

/** Brings the existing window to the front (used when a second launch is attempted). */
export function focusWindow(window: BrowserWindowType | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
