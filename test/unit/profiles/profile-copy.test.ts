import { describe, expect, it } from 'vitest';
import { PROFILE_LIMITS } from '../../../shared/profile.contract.js';
import { copyName } from '../../../src/profiles/profile-copy.js';
import type { VaultDocument } from '../../../src/vault/vault-document.js';

const withNames = (...names: string[]) => ({ profiles: names.map((name) => ({ name })) }) as unknown as VaultDocument;

describe('the name of a copy', () => {
  it('is "<name> (copy)", then "(copy 2)", "(copy 3)" as those are taken, ignoring case and spacing', () => {
    expect(copyName(withNames('Work'), 'Work')).toBe('Work (copy)');
    expect(copyName(withNames('Work', 'work (COPY)'), 'Work')).toBe('Work (copy 2)');
    expect(copyName(withNames('Work', 'Work (copy)', 'Work (copy 2)'), 'Work')).toBe('Work (copy 3)');
  });

  it('shortens the name to fit the limit (in UTF-16 units, as the schema counts), never splitting a character', () => {
    const long = '😀'.repeat(PROFILE_LIMITS.nameMax / 2);
    const name = copyName(withNames(long), long);
    expect(name.length).toBeLessThanOrEqual(PROFILE_LIMITS.nameMax);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    expect(name.endsWith(' (copy)')).toBe(true);
    expect(name).not.toContain('\uFFFD');
  });
});
