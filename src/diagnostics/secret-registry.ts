// Every secret the vault touches is registered here so diagnostics can scrub it by value, wherever it
// appears (a URL, an upstream error text, a stack), not only under key names like "apiKey".

const MIN_SECRET_LENGTH = 4;
export const REDACTED = '[REDACTED]';

export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = null;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Replaces every registered secret in `text`; longest first so a secret containing another is whole. */
  scrub(text: string): string {
    if (this.secrets.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }
}
