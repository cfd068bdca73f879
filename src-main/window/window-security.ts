// The security posture of every app window in one place: isolated, sandboxed renderer with no Node, a strict
// Content-Security-Policy, navigation limited to the app's own origin, and only listed pages opened outside.
import type { WebPreferences } from 'electron';
import { isListedExternalLink } from '../../shared/external-links.js';
import { originOf } from '../../shared/origin.js';

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

const SCRIPT_HASH = /^sha256-[A-Za-z0-9+/]{43}=$/;

/**
 * The dev-server inline-script hashes handed over in the environment (space-separated `sha256-<base64>`). All or
 * nothing: a value with anything else in it is ignored, so the environment can never widen the policy.
 */
export function parseScriptHashes(value: string | undefined): string[] {
  const tokens = (value ?? '').split(/\s+/).filter(Boolean);
  return tokens.every((t) => SCRIPT_HASH.test(t)) ? [...new Set(tokens)] : [];
}

/**
 * No remote code, no inline script, no network from the page (all traffic goes through main over IPC). With a dev
 * server, the inline scripts it injects (the React refresh preamble) are allowed by hash, never 'unsafe-inline'.
 */
export function contentSecurityPolicy(devServerOrigin: string | null, devScriptHashes: readonly string[] = []): string {
  const self = "'self'";
  const dev = devServerOrigin === null ? null : { http: devServerOrigin, ws: devServerOrigin.replace(/^http/, 'ws') };
  const hashes = dev ? devScriptHashes.filter((h) => SCRIPT_HASH.test(h)).map((h) => ` '${h}'`) : [];
  return [
    "default-src 'none'",
    `script-src ${self}${hashes.join('')}`,
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

/** Links the learner clicks open in their browser only if they are exactly one of the app's listed pages. */
export function isExternalLinkAllowed(url: string): boolean {
  return isListedExternalLink(url);
}
