// What "Duplicate" makes of a profile: the same settings under a free name ("Work (copy)", "Work (copy 2)", …),
// a new id and revision 1, no consent (a remote copy asks before it is used, as an imported one does) and no
// last test. Pure, so the rule is tested without a vault.
import { PROFILE_LIMITS, type StoredProfile } from '../../shared/profile.contract.js';
import { normalizeProfileName, type VaultDocument } from '../vault/vault-document.js';

/** The first free "<name> (copy)", "<name> (copy 2)", … within the name limit (the name is shortened to fit). */
export function copyName(document: VaultDocument, name: string): string {
  const taken = new Set(document.profiles.map((p) => normalizeProfileName(p.name)));
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${fitted(name, PROFILE_LIMITS.nameMax - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(normalizeProfileName(candidate))) return candidate;
  }
}

/** The longest start of `text` within `max` UTF-16 units (the limit's unit), never splitting a character. */
function fitted(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

export function copiedProfile(source: StoredProfile, id: string, name: string, now: Date): StoredProfile {
  const at = now.toISOString();
  return { ...source, id, name, revision: 1, createdAt: at, updatedAt: at, remoteConsent: null, lastTest: null };
}
