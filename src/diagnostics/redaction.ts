// Makes any value safe to write to diagnostics: values under secret-looking key names are replaced, every
// registered secret is scrubbed by value from every string (wherever it hides: a URL, an upstream error
// text, a stack), common key shapes are masked even when unregistered, and cycles/depth are bounded.
import { REDACTED, type SecretRegistry } from './secret-registry.js';

const SECRET_KEY_NAMES =
  /^(key|api[-_]?key|x-api-key|api-key|x-goog-api-key|authorization|proxy-authorization|cookie|set-cookie|password|passphrase|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|bearer|private[-_]?key|credentials?|plaintext)$/i;
const SECRET_KEY_SUFFIX = /(api[-_]?key|secret|password|token)$/i;

/** Shapes of credentials that must never be written even if nobody registered them. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/\b(sk|sk-ant|sk-proj|rk|pk)-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, REDACTED],
  [/([?&](?:key|api[-_]?key|token|access_token)=)[^&#\s"']+/gi, `$1${REDACTED}`],
];

const MAX_DEPTH = 6;
const MAX_STRING = 8_192;

export function isSecretKeyName(name: string): boolean {
  return SECRET_KEY_NAMES.test(name) || SECRET_KEY_SUFFIX.test(name);
}

/** Scrubs the whole text first and truncates after, so a secret can never be cut in half and half kept. */
export function scrubText(text: string, secrets: SecretRegistry): string {
  let out = secrets.scrub(text);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…[truncated]` : out;
}

export function redact(value: unknown, secrets: SecretRegistry, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (value === null || typeof value !== 'object')
    return typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function'
      ? String(value)
      : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: scrubText(value.message, secrets),
      ...(value.stack && { stack: scrubText(value.stack, secrets) }),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      isSecretKeyName(key) && typeof item !== 'boolean' && item !== null && item !== undefined
        ? REDACTED
        : redact(item, secrets, depth + 1, seen);
  }
  return out;
}
