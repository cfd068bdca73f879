// Creates the app window with the secure preferences and the guards that keep it on the app's own pages:
// navigation elsewhere is cancelled, new windows are denied (listed pages open in the learner's browser),
// <webview> cannot be attached. The window is created hidden and never stays hidden: if its page fails first,
// it is shown with an error page carrying the reference of the logged failure. Its background follows the OS theme.
import type { BrowserWindow as BrowserWindowType, Rectangle, Shell } from 'electron';
import type { IdGenerator, LogFields, Logger } from '../../src/index.js';
import { errorPageUrl, type WindowFailure } from './error-page.js';
import { loggableOrigin } from '../../shared/origin.js';
import { isAllowedNavigation, isExternalLinkAllowed, secureWebPreferences } from './window-security.js';
import { followTheme, windowBackground, type ThemeSource } from './window-theme.js';

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
  /** The references an error page shows come from here, so they match the logged line. */
  readonly ids: Pick<IdGenerator, 'correlationId'>;
  /** The OS light/dark setting: the window's background follows it. */
  readonly nativeTheme: ThemeSource;
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
    backgroundColor: windowBackground(options.nativeTheme),
    webPreferences: { ...secureWebPreferences(options.preloadPath), devTools: options.devTools ?? false },
  });
  const contents = window.webContents;
  followTheme(window, options.nativeTheme);

  const guard = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, options.allowedOrigins)) return;
    event.preventDefault();
    logger.log('warn', 'window.navigation_blocked', { kind, origin: loggableOrigin(url) });
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, options.allowedOrigins)) {
      event.preventDefault();
      logger.log('warn', 'window.navigation_blocked', { kind: 'frame', origin: loggableOrigin(event.url) });
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
      logger.log('warn', 'window.external_link_refused', { origin: loggableOrigin(url) });
    }
    return { action: 'deny' };
  });

  // 'loading' until the first paint; a failure then replaces the page once ('failed'), so an error page that
  // fails in turn is logged but never replaced by another. After the first paint the page is left alone.
  let phase: 'loading' | 'ready' | 'failed' = 'loading';
  window.once('ready-to-show', () => {
    if (phase === 'loading') phase = 'ready';
    window.show();
  });
  const failed = (failure: WindowFailure, event: string, facts: LogFields): void => {
    if (phase !== 'loading') {
      logger.log(phase === 'ready' ? 'warn' : 'error', event, { phase, ...facts });
      return;
    }
    phase = 'failed';
    const reference = options.ids.correlationId();
    logger.log('error', event, { correlationId: reference, phase: 'loading', shown: 'error-page', ...facts });
    window.show();
    void window.loadURL(errorPageUrl(failure, reference)).catch((error: unknown) =>
      logger.log('error', 'window.error_page_failed', {
        correlationId: reference,
        ...loadErrorFacts(error, 'data:'),
      }),
    );
  };
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // The error page's own failure is reported by its loadURL rejecting, just above.
    if (isMainFrame && phase !== 'failed')
      failed('load-failed', 'window.load_failed', {
        errorCode,
        errorDescription,
        origin: loggableOrigin(validatedURL),
      });
  });
  contents.on('render-process-gone', (_event, details) =>
    failed('renderer-gone', 'window.renderer_gone', { reason: details.reason, exitCode: details.exitCode }),
  );
  void window.loadURL(options.url).catch((error: unknown) => {
    // A failed load also emits did-fail-load; whichever comes first is the one logged.
    if (phase === 'loading') failed('load-failed', 'window.load_failed', loadErrorFacts(error, options.url));
  });
  return window;
}

/** Electron's load error names the full URL in its message; the log keeps its code and the origin only. */
function loadErrorFacts(error: unknown, url: string): LogFields {
  const { errno, code } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return {
    errorCode: typeof errno === 'number' ? errno : null,
    errorDescription: typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown',
    origin: loggableOrigin(url),
  };
}

/** Brings the existing window to the front (used when a second launch is attempted). */
export function focusWindow(window: BrowserWindowType | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
