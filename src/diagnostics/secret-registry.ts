// Every secret the core holds right now (a saved key, the key of a request in flight), so that text from outside
// (a provider's answer) and text going out (a log line, a message to the window) can be scrubbed of it by value.
// A secret is found in the forms a server might echo it in: as is, base64 and base64url (at any alignment inside a
// longer encoding), URL-encoded, JSON-escaped, hex, in any letter case and with whitespace in between. Secrets
// are held by lease while they are live and dropped when released, and the matcher is an index of 4-character
// prefixes, so a scrub costs one pass over the text however many secrets are held or have come and gone.

const MIN_SECRET_LENGTH = 4;
/**
 * Live secrets are the saved keys plus the few in flight, so this is far beyond real use; it exists so that a bug
 * that forgets to release cannot grow the index without end. Past it a new secret is refused (the call fails)
 * rather than held unscrubbed.
 */
export const MAX_LIVE_SECRETS = 10_000;
const PREFIX = 4;
export const REDACTED = '[REDACTED]';

/** The forms of a secret a server might send back, lower-cased with whitespace removed (how text is compared). */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString('hex'),
  ]);
  // Inside a longer base64 text the secret starts at any of three byte offsets; the characters that also encode
  // the neighbouring bytes are dropped, what remains is fixed by the secret alone.
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character k encodes bits [6k, 6k + 6) of the stream; keep those that lie wholly within the secret's bytes.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].map((form) => form.toLowerCase().replace(/\s+/g, '')).filter((form) => form.length >= PREFIX);
}

/** Text lower-cased with whitespace removed, and where each remaining character came from. */
function compacted(text: string): { compact: string; origin: number[] } {
  const origin: number[] = [];
  let compact = '';
  const lower = text.toLowerCase();
  // toLowerCase keeps UTF-16 lengths for everything but a few characters; fall back to the original then.
  const source = lower.length === text.length ? lower : text;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\v') continue;
    compact += c;
    origin.push(i);
  }
  return { compact, origin };
}

export class SecretRegistry {
  /** secret → how many holders it has. */
  private readonly holders = new Map<string, number>();
  /** 4-character prefix of a form → the forms starting with it, and how many live secrets produce each. */
  private readonly index = new Map<string, Map<string, number>>();
  /** The longest form ever indexed (it only grows, which only makes pendingFrom look a little further back). */
  private longestForm = 0;

  constructor(private readonly maxSecrets = MAX_LIVE_SECRETS) {}

  /** How many distinct secrets are live. */
  get size(): number {
    return this.holders.size;
  }

  /**
   * Registers a secret for as long as the caller holds it; returns the release. Call it only for a value that
   * passed its schema (a refused value is never logged, so it need not be held). Holding twice needs two releases.
   */
  hold(secret: string): () => void {
    if (secret.length < MIN_SECRET_LENGTH) return () => undefined;
    const count = this.holders.get(secret) ?? 0;
    if (count === 0 && this.holders.size >= this.maxSecrets)
      throw new Error(`secret registry full (${this.maxSecrets} live secrets)`);
    this.holders.set(secret, count + 1);
    if (count === 0) this.indexForms(secret, +1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.holders.get(secret) ?? 1) - 1;
      if (left > 0) {
        this.holders.set(secret, left);
        return;
      }
      this.holders.delete(secret);
      this.indexForms(secret, -1);
    };
  }

  /** Whether any live secret appears in `text`, in any of its forms. */
  contains(text: string): boolean {
    return this.spans(text).length > 0;
  }

  /** `text` with every live secret, in any of its forms, replaced by [REDACTED]. */
  scrub(text: string): string {
    const spans = this.spans(text);
    if (spans.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of spans) {
      out += text.slice(at, start) + REDACTED;
      at = end;
    }
    return out + text.slice(at);
  }

  /**
   * Where the end of `text` could be the beginning of a live secret still to come (a reply streamed in pieces may
   * split one anywhere): the index from which it must be held back until more arrives, or text.length if nothing
   * needs holding. Only the end is examined, up to the longest form, so the cost is bounded per piece.
   */
  pendingFrom(text: string): number {
    if (this.holders.size === 0 || text.length === 0) return text.length;
    const { compact, origin } = compacted(text);
    for (let i = Math.max(0, compact.length - this.longestForm + 1); i < compact.length; i += 1) {
      if (this.startsSomeForm(compact.slice(i))) return origin[i]!;
    }
    return text.length;
  }

  /** Whether `piece` is the start of (and shorter than) a live form. */
  private startsSomeForm(piece: string): boolean {
    if (piece.length >= PREFIX) {
      for (const form of this.index.get(piece.slice(0, PREFIX))?.keys() ?? [])
        if (form.length > piece.length && form.startsWith(piece)) return true;
      return false;
    }
    for (const key of this.index.keys()) if (key.startsWith(piece)) return true;
    return false;
  }

  /** Where live secrets appear in `text`: merged [start, end) ranges in its own coordinates. */
  private spans(text: string): Array<[number, number]> {
    if (this.holders.size === 0 || text.length < MIN_SECRET_LENGTH) return [];
    const { compact, origin } = compacted(text);
    const found: Array<[number, number]> = [];
    for (let i = 0; i + PREFIX <= compact.length; i += 1) {
      const candidates = this.index.get(compact.slice(i, i + PREFIX));
      if (!candidates) continue;
      let longest = 0;
      for (const form of candidates.keys())
        if (form.length > longest && compact.startsWith(form, i)) longest = form.length;
      if (longest > 0) found.push([origin[i]!, origin[i + longest - 1]! + 1]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const span of found) {
      const last = merged.at(-1);
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([...span]);
    }
    return merged;
  }

  private indexForms(secret: string, delta: 1 | -1): void {
    for (const form of formsOf(secret)) {
      this.longestForm = Math.max(this.longestForm, form.length);
      const key = form.slice(0, PREFIX);
      const bucket = this.index.get(key) ?? new Map<string, number>();
      const next = (bucket.get(form) ?? 0) + delta;
      if (next > 0) bucket.set(form, next);
      else bucket.delete(form);
      if (bucket.size > 0) this.index.set(key, bucket);
      else this.index.delete(key);
    }
  }
}
