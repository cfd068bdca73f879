// Which web permissions the app's pages get: only writing to the clipboard (the "Copy reference" button), only for
// the app's own page in one of the app's own windows. Pure (facts in, verdict out) so each refusal is unit-tested.
import { originOf } from '../../shared/origin.js';

/** What `navigator.clipboard.writeText` asks Electron for. */
export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

export interface PermissionFacts {
  readonly permission: string;
  /** The asking webContents belongs to a window this app created (false when Electron names none). */
  readonly knownWebContents: boolean;
  /** The URL or origin Electron says the request comes from. */
  readonly requestingUrl: string | null;
  /** What that webContents shows right now. */
  readonly contentsUrl: string | null;
  /** False for a subframe; the app has none, so a subframe asking is never its own page. */
  readonly isMainFrame: boolean;
}

export type PermissionVerdict = { readonly granted: true } | { readonly granted: false; readonly reason: string };

export function judgePermission(facts: PermissionFacts, allowedOrigins: readonly string[]): PermissionVerdict {
  if (facts.permission !== CLIPBOARD_WRITE_PERMISSION) return { granted: false, reason: 'not-granted-to-pages' };
  if (!facts.knownWebContents) return { granted: false, reason: 'unknown-webcontents' };
  if (!facts.isMainFrame) return { granted: false, reason: 'subframe' };
  const isOwn = (url: string | null) => {
    const origin = url === null ? null : originOf(url);
    return origin !== null && allowedOrigins.includes(origin);
  };
  if (!isOwn(facts.requestingUrl) || !isOwn(facts.contentsUrl)) return { granted: false, reason: 'foreign-origin' };
  return { granted: true };
}
