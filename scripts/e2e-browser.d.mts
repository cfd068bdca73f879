// Types for scripts/e2e-browser.mjs, which the Playwright config and fixtures call.
export type BrowserLookup =
  | { readonly executablePath: string; readonly source: string }
  | { readonly executablePath: null; readonly problem: string };
export function installedBrowserCandidates(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): string[];
export function findBrowser(options?: {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (file: string) => boolean;
  ownChromium?: () => string | null;
}): BrowserLookup;
export function electronMode(env?: NodeJS.ProcessEnv): boolean;
export function noBrowserMessage(problem: string): string;
