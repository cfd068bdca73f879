// Who may call the API: only the app's own windows, only their top-level frame, only while that frame shows
// the app's own origin. Pure (facts in, verdict out) so every refusal rule is unit-tested without Electron.
import { originOf } from '../../shared/origin.js';
import type { SenderVerdict } from './trpc-ipc-server.js';

export interface SenderFacts {
  /** The webContents belongs to a window this app created. */
  readonly knownWebContents: boolean;
  /** The message came from the main frame, not an iframe. */
  readonly isTopFrame: boolean;
  /** URL of the frame that sent the message; null when Electron no longer has the frame. */
  readonly frameUrl: string | null;
}

export function judgeSender(facts: SenderFacts, allowedOrigins: readonly string[]): SenderVerdict {
  if (!facts.knownWebContents) return { trusted: false, reason: 'unknown-webcontents' };
  if (!facts.isTopFrame) return { trusted: false, reason: 'subframe' };
  if (facts.frameUrl === null) return { trusted: false, reason: 'no-frame' };
  const origin = originOf(facts.frameUrl);
  if (origin === null || !allowedOrigins.includes(origin)) return { trusted: false, reason: 'foreign-origin' };
  return { trusted: true };
}
