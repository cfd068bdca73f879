// The vault's on-disk document: schema version, profiles, the active choice, each API key encrypted on its
// own (base64), and the weak-storage opt-in. Parsing checks structure *and* the rules across records, so a
// document that parses here can be served as-is.
import { z } from 'zod';
import { StoredProfileSchema } from '../../shared/profile.contract.js';

export const VAULT_SCHEMA_VERSION = 1;

const Base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).min(4);

export const VaultDocumentSchema = z
  .strictObject({
    schemaVersion: z.literal(VAULT_SCHEMA_VERSION),
    profiles: z.array(StoredProfileSchema),
    activeProfileId: z.string().nullable(),
    /** profile id → ciphertext (base64) from SecretCipher.encrypt. */
    keys: z.record(z.string(), Base64Schema),
    weakStorageAllowed: z.object({ at: z.iso.datetime({ offset: true }), backend: z.string() }).nullable(),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    doc.profiles.forEach((profile, index) => {
      if (ids.has(profile.id)) ctx.addIssue({ code: 'custom', message: 'duplicate profile id', path: ['profiles', index, 'id'] });
      ids.add(profile.id);
      const name = normalizeProfileName(profile.name);
      if (names.has(name)) ctx.addIssue({ code: 'custom', message: 'duplicate profile name', path: ['profiles', index, 'name'] });
      names.add(name);
    });
    if (doc.activeProfileId !== null && !ids.has(doc.activeProfileId)) {
      ctx.addIssue({ code: 'custom', message: 'active profile does not exist', path: ['activeProfileId'] });
    }
    for (const id of Object.keys(doc.keys)) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: 'key for unknown profile', path: ['keys', id] });
    }
  });

export type VaultDocument = z.infer<typeof VaultDocumentSchema>;

export function emptyVaultDocument(): VaultDocument {
  return { schemaVersion: VAULT_SCHEMA_VERSION, profiles: [], activeProfileId: null, keys: {}, weakStorageAllowed: null };
}

/** Names are unique without regard to case or Unicode composition. */
export function normalizeProfileName(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

export type ParseOutcome = { ok: true; document: VaultDocument } | { ok: false; reason: 'unparseable' | 'invalid' };

export function parseVaultDocument(bytes: Uint8Array): ParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  const result = VaultDocumentSchema.safeParse(raw);
  return result.success ? { ok: true, document: result.data } : { ok: false, reason: 'invalid' };
}

export function serializeVaultDocument(document: VaultDocument): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(document, null, 1)}\n`);
}
