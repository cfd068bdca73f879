// A reply streamed in pieces may split an echoed key anywhere — inside a word, inside its base64 form, between a
// letter and a space. Whatever the split, the joined output never holds the key in any form, ordinary text comes
// through unchanged and promptly, and nothing is lost at the end.
import { describe, expect, it } from 'vitest';
import { StreamScrubber } from '../../../src/diagnostics/stream-scrub.js';
import { SecretRegistry } from '../../../src/diagnostics/secret-registry.js';
import { echoedForms, findKeyForms } from '../../support/key-forms.js';

const KEY = 'sk-split/Key+With=Odd&Chars-0123456789abcdef';

function registry(): SecretRegistry {
  const secrets = new SecretRegistry();
  secrets.hold(KEY);
  return secrets;
}

/** Feeds `text` cut at the given offsets; returns every piece that came out and the joined output. */
function feed(secrets: SecretRegistry, text: string, cuts: number[]): { pieces: string[]; out: string } {
  const scrubber = new StreamScrubber(secrets);
  const pieces: string[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    pieces.push(scrubber.push(text.slice(at, cut)));
    at = cut;
  }
  pieces.push(scrubber.end());
  return { pieces, out: pieces.join('') };
}

describe('StreamScrubber', () => {
  it.each(Object.entries(echoedForms(KEY)))('a key echoed %s and cut at every offset never comes out', (_, form) => {
    const text = `Your key is ${form} — keep it safe.`;
    const secrets = registry();
    for (let cut = 1; cut < text.length; cut += 1) {
      const { pieces, out } = feed(secrets, text, [cut]);
      expect(findKeyForms(out, [KEY]), `cut at ${cut}`).toEqual([]);
      for (const piece of pieces) expect(findKeyForms(piece, [KEY])).toEqual([]);
      expect(out.startsWith('Your key is ')).toBe(true);
      expect(out.endsWith(' — keep it safe.')).toBe(true);
    }
  });

  it('a key cut into one-character pieces never comes out', () => {
    const text = `a${KEY}b`;
    const { out } = feed(
      registry(),
      text,
      [...Array(text.length - 1).keys()].map((i) => i + 1),
    );
    expect(out).toBe('a[REDACTED]b');
  });

  it('ordinary text passes unchanged, and all of it at once when its end cannot begin the key', () => {
    const secrets = registry();
    const scrubber = new StreamScrubber(secrets);
    expect(scrubber.push('Hello there. ')).toBe('Hello there. ');
    expect(scrubber.push('How are you?')).toBe('How are you?');
    expect(scrubber.end()).toBe('');
  });

  it('an end that could begin the key is held back only until the next piece settles it', () => {
    const scrubber = new StreamScrubber(registry());
    expect(scrubber.push('I ask')).toBe('I a'); // "sk" could begin the key
    const next = scrubber.push(' again');
    expect(next.startsWith('sk aga')).toBe(true); // settled: only what could begin another form waits
    const held = scrubber.push(' sk-sp');
    expect(held.includes('sk-sp')).toBe(false);
    // The stream ended: a start of the key alone is not the key, and nothing is lost.
    expect(`I a${next}${held}${scrubber.end()}`).toBe('I ask again sk-sp');
  });

  it('with no live secret nothing is held back', () => {
    const scrubber = new StreamScrubber(new SecretRegistry());
    expect(scrubber.push('I ask')).toBe('I ask');
  });
});
