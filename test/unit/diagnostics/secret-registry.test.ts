// The secret registry finds a live key in every form a server might echo it in, forgets it when released, and
// stays bounded however many keys come and go.
import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry } from '../../../src/diagnostics/secret-registry.js';
import { echoedForms } from '../../support/key-forms.js';

const KEY = 'sk-proj-Echo/Key+With=Odd~Chars"quoted"-0123456789';

describe('SecretRegistry', () => {
  it.each(Object.entries(echoedForms(KEY)))('finds the key %s, inside other text', (_form, echoed) => {
    const secrets = new SecretRegistry();
    const release = secrets.hold(KEY);
    const text = `model: ${echoed} (from the server)`;
    expect(secrets.contains(text)).toBe(true);
    const scrubbed = secrets.scrub(text);
    expect(scrubbed).toContain(REDACTED);
    expect(scrubbed.startsWith('model: ')).toBe(true);
    expect(secrets.contains(scrubbed)).toBe(false);
    release();
    expect(secrets.contains(text)).toBe(false);
  });

  it('leaves text without a live secret unchanged, and never matches a different key', () => {
    const secrets = new SecretRegistry();
    secrets.hold(KEY);
    const other = 'sk-proj-a-different-key-9876543210';
    for (const echoed of Object.values(echoedForms(other))) expect(secrets.scrub(echoed)).toBe(echoed);
  });

  it('holds by lease: two holders need two releases; a release twice is harmless', () => {
    const secrets = new SecretRegistry();
    const first = secrets.hold(KEY);
    const second = secrets.hold(KEY);
    expect(secrets.size).toBe(1);
    first();
    first();
    expect(secrets.contains(KEY)).toBe(true);
    second();
    expect(secrets.size).toBe(0);
    expect(secrets.contains(KEY)).toBe(false);
  });

  it('ignores values too short to be a key (they would match everywhere)', () => {
    const secrets = new SecretRegistry();
    secrets.hold('abc');
    expect(secrets.size).toBe(0);
    expect(secrets.scrub('abc abc')).toBe('abc abc');
  });

  it('returns to empty after 10,000 keys held and released: churn leaves nothing behind', () => {
    const secrets = new SecretRegistry();
    for (let i = 0; i < 10_000; i += 1) secrets.hold(`bogus-${i}-${'k'.repeat(64)}`)();
    expect(secrets.size).toBe(0);
    expect(secrets.scrub(`bogus-1-${'k'.repeat(64)}`)).toBe(`bogus-1-${'k'.repeat(64)}`);
  });

  it('refuses a new secret past its cap instead of holding it unscrubbed', () => {
    const secrets = new SecretRegistry(3);
    const releases = ['key-one-1', 'key-two-2', 'key-three-3'].map((k) => secrets.hold(k));
    expect(() => secrets.hold('key-four-4')).toThrow(/full/);
    secrets.hold('key-one-1')(); // one already held is only leased again
    releases[0]!();
    expect(() => secrets.hold('key-four-4')).not.toThrow();
  });
});
