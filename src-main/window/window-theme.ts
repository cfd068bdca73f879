// The window's own background follows the operating system's light or dark setting, so a window opening (or
// resizing) never flashes a light frame before a dark page paints, or the reverse. The colours are the page's
// own background (--bg in the renderer's styles, light and dark).
import type { BrowserWindow, NativeTheme } from 'electron';

export const WINDOW_BACKGROUND = { light: '#f7f7f5', dark: '#17181a' } as const;

export type ThemeSource = Pick<NativeTheme, 'shouldUseDarkColors' | 'on' | 'removeListener'>;

export function windowBackground(theme: Pick<NativeTheme, 'shouldUseDarkColors'>): string {
  return theme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

/** Keeps `window`'s background in step with the OS theme until the window is closed. */
export function followTheme(window: Pick<BrowserWindow, 'setBackgroundColor' | 'once'>, theme: ThemeSource): void {
  const updated = () => window.setBackgroundColor(windowBackground(theme));
  theme.on('updated', updated);
  window.once('closed', () => theme.removeListener('updated', updated));
}
