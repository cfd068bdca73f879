// What a window shows when the app's own page cannot be shown: what happened, what to do, and the reference of
// the diagnostics line written for it. Self-contained (a data: URL with its own CSP, no script), so it needs
// nothing from the renderer, the app:// handler or the dev server, any of which may be what failed.
import { createHash } from 'node:crypto';
import { APP_NOTICE_TITLES, describeError } from '../../shared/errors/error-catalog.js';

export type WindowFailure = 'load-failed' | 'renderer-gone';

const CODE_OF = { 'load-failed': 'APP_WINDOW_LOAD_FAILED', 'renderer-gone': 'APP_WINDOW_CRASHED' } as const;

const STYLE =
  'body{margin:0;padding:48px;font:16px/1.5 system-ui,sans-serif;background:#f7f7f5;color:#1d1d1b}' +
  'main{max-width:36em}h1{margin:0 0 .6em;font-size:1.4em}' +
  'code{padding:2px 6px;border-radius:4px;background:#e6e6e0;font:15px ui-monospace,monospace;user-select:all}';

/** Only the page's own stylesheet, by hash; no script, no network, no forms. */
export const ERROR_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function errorPageHtml(failure: WindowFailure, reference: string): string {
  const words = describeError(CODE_OF[failure]);
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(ERROR_PAGE_CSP)}">`,
    `<title>LLM Profiles</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(APP_NOTICE_TITLES.windowFailed)}</h1>`,
    `<p>${escapeHtml(words.message)}</p>`,
    `<p>${escapeHtml(words.remediation)}</p>`,
    `<p>Reference: <code>${escapeHtml(reference)}</code></p>`,
    '</main></body></html>',
  ].join('');
}

export function errorPageUrl(failure: WindowFailure, reference: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(errorPageHtml(failure, reference))}`;
}
