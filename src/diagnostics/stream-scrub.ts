// Scrubs text that arrives in pieces (a streamed reply) before each piece goes to the window. A server that echoes
// a key may split it across two deltas, and scrubbing each delta alone would pass both halves; so whatever the end
// of the text so far could be the start of a live secret is held back until the next piece settles it (or the
// stream ends). Ordinary text is held back only when its last few characters happen to begin a secret's form.
import { scrubText } from './redaction.js';
import type { SecretRegistry } from './secret-registry.js';

export class StreamScrubber {
  private pending = '';

  constructor(private readonly secrets: SecretRegistry) {}

  /** The part of what has arrived so far that can be shown now, scrubbed; may be ''. */
  push(piece: string): string {
    const text = this.secrets.scrub(this.pending + piece);
    const cut = this.secrets.pendingFrom(text);
    this.pending = text.slice(0, cut) === text ? '' : text.slice(cut);
    return finish(text.slice(0, cut), this.secrets);
  }

  /** Whatever is still held back, scrubbed: the stream is over, so nothing more can complete it. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return finish(rest, this.secrets);
  }
}

/** The key patterns (for secrets the registry has never seen) apply to each piece as it leaves. */
function finish(text: string, secrets: SecretRegistry): string {
  return text === '' ? '' : scrubText(text, secrets);
}
