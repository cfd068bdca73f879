// The security posture of every app window in one place: isolated, sandboxed renderer with no Node, a strict
// Content-Security-Policy, and navigation limited to the app's own origin.
import type { WebPreferences } from 'electron';
import { originOf } from '../ipc/validate-sender.js';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** No remote code, no inline script, no network from the page (all traffic goes through main over IPC). */
export function contentSecurityPolicy(devServerOrigin: string | null): string {
  const self = "'self'";
  const dev = devServerOrigin === null ? null : { http: devServerOrigin, ws: devServerOrigin.replace(/^http/, 'ws') };
  return [
    "default-src 'none'",
    `script-src ${self}`,
    // Vite's dev server injects <style> tags for HMR; the built app uses only its own stylesheet.
    `style-src ${self}${dev ? " 'unsafe-inline'" : ''}`,
    `img-src ${self} data:`,
    `font-src ${self}`,
    `connect-src ${self}${dev ? ` ${dev.ws}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

export function isAllowedNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/** Links the learner clicks may open in their browser, but only plain https pages. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
