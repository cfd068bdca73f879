// The vault's on-disk document: schema version, profiles, the active choice, each API key and each extra header
// value encrypted on its own (base64), and the weak-storage opt-in. Parsing checks structure *and* the rules across records, so a
// document that parses here can be served as-is.
import { z } from 'zod';
import { endpointOrigin } from '../../shared/origin.js';
import { StoredProfileSchema } from '../../shared/profile.contract.js';
import { HEADER_LIMITS, StoredHeaderNameSchema } from '../../shared/request-headers.contract.js';

/**
 * 3: extra request headers, each value encrypted on its own (`headers`); version 2 had none and is migrated on
 * load with an empty map. 2: consent is recorded per origin (`{ at, origin }`); 1 recorded it per host
 * (`{ at, host }`) and is migrated on load (see migrateFromVersion1).
 */
export const VAULT_SCHEMA_VERSION = 3;

const Base64Schema = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .min(4);

/** A profile's extra headers: names in the clear (the window shows them), each value as its own ciphertext. */
const StoredHeadersSchema = z
  .array(z.strictObject({ name: StoredHeaderNameSchema, value: Base64Schema }))
  .min(1)
  .max(HEADER_LIMITS.count);

export type StoredHeaders = z.infer<typeof StoredHeadersSchema>;

/**
 * Secrets of one profile other than its API key live among the keys under an id of their own: the profile's id and
 * a suffix no profile id has. So a proxy password is encrypted, decrypted, locked, refreshed and dropped exactly as
 * a key is, and goes when its profile goes.
 */
const PROXY_PASSWORD_SUFFIX = '#proxy-password';

export function proxyPasswordKeyId(profileId: string): string {
  return `${profileId}${PROXY_PASSWORD_SUFFIX}`;
}

/** The profile a `keys` entry belongs to. */
export function keyOwner(keyId: string): string {
  return keyId.endsWith(PROXY_PASSWORD_SUFFIX) ? keyId.slice(0, -PROXY_PASSWORD_SUFFIX.length) : keyId;
}

/** Whether a `keys` entry is a profile's API key (not another of its secrets). */
export function isApiKeyId(keyId: string): boolean {
  return keyOwner(keyId) === keyId;
}

const WeakStorageAllowedSchema = z.object({ at: z.iso.datetime({ offset: true }), backend: z.string() }).nullable();

export interface DocumentProblem {
  readonly path: string;
  readonly message: string;
}

/** The rules across records that no single record can check: unique ids and names, real active id and keys. */
export function documentProblems(doc: {
  profiles: ReadonlyArray<{ id: string; name: string }>;
  activeProfileId: string | null;
  keys: Record<string, string>;
  headers: Record<string, ReadonlyArray<{ name: string }>>;
}): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  doc.profiles.forEach((profile, index) => {
    if (ids.has(profile.id)) problems.push({ path: `profiles.${index}.id`, message: 'duplicate profile id' });
    ids.add(profile.id);
    const name = normalizeProfileName(profile.name);
    if (names.has(name)) problems.push({ path: `profiles.${index}.name`, message: 'duplicate profile name' });
    names.add(name);
  });
  if (doc.activeProfileId !== null && !ids.has(doc.activeProfileId))
    problems.push({ path: 'activeProfileId', message: 'active profile does not exist' });
  for (const id of Object.keys(doc.keys))
    if (!ids.has(keyOwner(id))) problems.push({ path: `keys.${id}`, message: 'key for unknown profile' });
  for (const [id, headers] of Object.entries(doc.headers)) {
    if (!ids.has(id)) problems.push({ path: `headers.${id}`, message: 'headers for unknown profile' });
    const names = new Set(headers.map((h) => h.name.toLowerCase()));
    if (names.size !== headers.length) problems.push({ path: `headers.${id}`, message: 'duplicate header name' });
  }
  return problems;
}

export const VaultDocumentSchema = z
  .strictObject({
    schemaVersion: z.literal(VAULT_SCHEMA_VERSION),
    profiles: z.array(StoredProfileSchema),
    activeProfileId: z.string().nullable(),
    /** profile id → its key's ciphertext (base64) from SecretCipher.encrypt; proxyPasswordKeyId(id) → its proxy's. */
    keys: z.record(z.string(), Base64Schema),
    /** profile id → its extra headers, each value ciphertext (base64) from SecretCipher.encrypt. */
    headers: z.record(z.string(), StoredHeadersSchema),
    weakStorageAllowed: WeakStorageAllowedSchema,
  })
  .superRefine((doc, ctx) => {
    for (const problem of documentProblems(doc))
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path.split('.') });
  });

export type VaultDocument = z.infer<typeof VaultDocumentSchema>;

export function emptyVaultDocument(): VaultDocument {
  return {
    schemaVersion: VAULT_SCHEMA_VERSION,
    profiles: [],
    activeProfileId: null,
    keys: {},
    headers: {},
    weakStorageAllowed: null,
  };
}

/** Names are unique without regard to case or Unicode composition. */
export function normalizeProfileName(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

export type ParseOutcome =
  | { ok: true; document: VaultDocument }
  | { ok: false; reason: 'unparseable' | 'invalid' }
  /** Written by a newer version of the app: not damaged, just not ours to read (or to move aside). */
  | { ok: false; reason: 'newer'; schemaVersion: number };

export function parseVaultDocument(bytes: Uint8Array): ParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > VAULT_SCHEMA_VERSION)
    return { ok: false, reason: 'newer', schemaVersion: version };
  const migrated =
    version === 1 ? migrateFromVersion2(migrateFromVersion1(raw)) : version === 2 ? migrateFromVersion2(raw) : raw;
  const result = VaultDocumentSchema.safeParse(migrated);
  return result.success ? { ok: true, document: result.data } : { ok: false, reason: 'invalid' };
}

/**
 * Version 1 bound consent to a host. A host-only record is read as consent for that host over https on its
 * default port, the narrowest origin it can mean, so the migration never widens what the learner agreed to: the
 * same host over http, or on another port, asks again. Anything unexpected is left for the schema to refuse.
 */
function migrateFromVersion1(raw: unknown): unknown {
  const doc = raw as { profiles?: unknown };
  if (!Array.isArray(doc.profiles)) return raw;
  const profiles = doc.profiles.map((profile: unknown) => {
    const consent = (profile as { remoteConsent?: unknown } | null)?.remoteConsent as
      { at?: unknown; host?: unknown } | null | undefined;
    if (typeof consent?.host !== 'string' || Object.keys(consent).length !== 2) return profile;
    const host = consent.host.includes(':') ? `[${consent.host}]` : consent.host;
    const origin = endpointOrigin(`https://${host}/`);
    return { ...(profile as object), remoteConsent: origin === null ? consent : { at: consent.at, origin } };
  });
  return { ...(raw as object), schemaVersion: 2, profiles };
}

/** Version 2 had no extra headers: the same document with none. A document that already has some is not version 2. */
function migrateFromVersion2(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || 'headers' in raw) return raw;
  return { ...raw, schemaVersion: VAULT_SCHEMA_VERSION, headers: {} };
}

/**
 * Checks a document before it is written, so the app can never write a vault it would refuse to load: every
 * profile that changed since `previous` against the stored-profile schema, every changed key, and the rules
 * across records. Unchanged records were validated when they were loaded or written.
 */
export function writeProblems(previous: VaultDocument, next: VaultDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (next.schemaVersion !== VAULT_SCHEMA_VERSION)
    problems.push({ path: 'schemaVersion', message: 'wrong schema version' });
  const before = new Set(previous.profiles);
  next.profiles.forEach((profile, index) => {
    if (before.has(profile)) return;
    const parsed = StoredProfileSchema.safeParse(profile);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push({ path: `profiles.${index}.${issue.path.join('.')}`, message: issue.message });
  });
  for (const [id, value] of Object.entries(next.keys)) {
    if (previous.keys[id] !== value && !Base64Schema.safeParse(value).success)
      problems.push({ path: `keys.${id}`, message: 'not base64 ciphertext' });
  }
  for (const [id, headers] of Object.entries(next.headers)) {
    if (previous.headers[id] !== headers && !StoredHeadersSchema.safeParse(headers).success)
      problems.push({ path: `headers.${id}`, message: 'malformed headers' });
  }
  if (
    next.weakStorageAllowed !== previous.weakStorageAllowed &&
    !WeakStorageAllowedSchema.safeParse(next.weakStorageAllowed).success
  ) {
    problems.push({ path: 'weakStorageAllowed', message: 'malformed opt-in' });
  }
  return [...problems, ...documentProblems(next)];
}

export function serializeVaultDocument(document: VaultDocument): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(document, null, 1)}\n`);
}
