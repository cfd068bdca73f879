import { describe, expect, it } from 'vitest';
import { redact, scrubText } from '../../../src/diagnostics/redaction.js';
import { REDACTED, SecretRegistry } from '../../../src/diagnostics/secret-registry.js';

function registry(...secrets: string[]): SecretRegistry {
  const r = new SecretRegistry();
  for (const s of secrets) r.hold(s);
  return r;
}

describe('redaction', () => {
  it('replaces values under secret-looking key names, at any depth', () => {
    const out = redact(
      {
        apiKey: 'abc',
        headers: { Authorization: 'Bearer x', 'x-api-key': 'k', 'api-key': 'k2' },
        nested: [{ password: 'p' }],
        hasApiKey: true,
        keyStatus: 'stored',
      },
      registry(),
    );
    expect(out).toEqual({
      apiKey: REDACTED,
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, 'api-key': REDACTED },
      nested: [{ password: REDACTED }],
      hasApiKey: true,
      keyStatus: 'stored',
    });
  });

  it('scrubs registered secrets by value wherever they appear', () => {
    const key = 'my-very-private-key-123';
    const out = redact(
      {
        url: `https://h/v1?x=${key}`,
        message: `Incorrect API key provided: ${key}.`,
        deep: { list: [`prefix${key}suffix`] },
        error: new Error(`failed with ${key}`),
      },
      registry(key),
    );
    expect(JSON.stringify(out)).not.toContain(key);
    expect(JSON.stringify(out)).toContain(REDACTED);
  });

  it('masks common credential shapes even when nobody registered them', () => {
    for (const text of [
      'Authorization: Bearer abcdefghijkl',
      'sk-proj-AbCdEfGhIjKlMnOp',
      'AIzaSyA1234567890abcdefghijklmnop',
      'https://x/?key=topsecretvalue&a=1',
    ]) {
      const out = scrubText(text, registry());
      expect(out).toContain(REDACTED);
      expect(out).not.toMatch(/abcdefghijkl|AbCdEfGhIjKlMnOp|1234567890abcdefghij|topsecretvalue/);
    }
  });

  it('survives cycles, deep nesting, bigint and symbols without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i += 1) deep = deep.next = {};
    expect(() => redact({ cyclic, root, big: 10n, sym: Symbol('s') }, registry())).not.toThrow();
  });
});

describe('long text', () => {
  it('a secret straddling the truncation point is scrubbed whole, not half kept', () => {
    const key = 'straddling-secret-key-0123456789';
    const text = `${'x'.repeat(8_192 - 10)}${key}${'y'.repeat(100)}`;
    const out = scrubText(text, registry(key));
    expect(out).not.toContain('straddling');
    expect(out).not.toContain(key.slice(0, 10));
  });
});
