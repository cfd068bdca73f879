// Profiles that move between computers: one versioned JSON file. Keys, header values and proxy passwords are left
// out unless the learner seals them under a passphrase (scrypt + AES-256-GCM, one envelope per file). Consent is
// never in the file: it is the learner's own act on their own computer, so an imported remote profile asks again.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';
import { kindRuleIssues, PROFILE_FIELD_SHAPE, PROFILE_LIMITS } from './profile.contract.js';
import { HEADER_LIMITS, HeaderNameSchema } from './request-headers.contract.js';

export const TRANSFER_FORMAT = 'llm-profiles';
export const TRANSFER_VERSION = 1;
/** The largest file import reads. */
export const TRANSFER_MAX_BYTES = 1024 * 1024;
/** The most profiles one file holds. */
export const TRANSFER_MAX_PROFILES = 500;
/** Deeper JSON than this is refused before it is parsed: no profile file nests further than a few levels. */
export const TRANSFER_MAX_DEPTH = 16;
export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_MAX = 1024;

export const PassphraseSchema = z
  .string({ error: fieldMessage('passphraseText') })
  .min(PASSPHRASE_MIN, fieldMessage('passphraseTooShort', { min: PASSPHRASE_MIN }))
  .max(PASSPHRASE_MAX, fieldMessage('passphraseTooLong', { max: PASSPHRASE_MAX }));

/** One profile as exported: its settings and the names (never the values) of its extra headers. */
export const ExportedProfileSchema = z
  .strictObject({
    /** The exporting computer's id: only to tell entries apart; import gives each profile a new one. */
    id: z.string().min(1).max(64),
    ...PROFILE_FIELD_SHAPE,
    headerNames: z.array(HeaderNameSchema).max(HEADER_LIMITS.count).optional(),
  })
  .superRefine((entry, ctx) => {
    // A missing key is expected here (keys stay behind unless sealed): it is asked for after import.
    for (const issue of kindRuleIssues({ ...entry, hasApiKey: true }))
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
  });
export type ExportedProfile = z.output<typeof ExportedProfileSchema>;

const Base64Schema = z
  .string()
  .max(4 * TRANSFER_MAX_BYTES)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** The sealed secrets: scrypt turns the passphrase into the key, AES-256-GCM seals one JSON array. */
export const SealedSecretsSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 15)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: Base64Schema,
  cipher: z.literal('aes-256-gcm'),
  iv: Base64Schema,
  tag: Base64Schema,
  data: Base64Schema,
});
export type SealedSecrets = z.output<typeof SealedSecretsSchema>;

/** What the sealed array holds, one entry per exported profile id. */
export const SealedEntrySchema = z.strictObject({
  id: z.string(),
  apiKey: z.string().max(PROFILE_LIMITS.apiKeyMax).optional(),
  headers: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
  proxyPassword: z.string().optional(),
});
export const SealedPayloadSchema = z.array(SealedEntrySchema).max(TRANSFER_MAX_PROFILES);
export type SealedEntry = z.output<typeof SealedEntrySchema>;

/** The file's envelope; its profiles are checked one by one, so one bad entry does not hide the others. */
export const TransferFileSchema = z.strictObject({
  format: z.literal(TRANSFER_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().max(64),
  profiles: z.array(z.unknown()).max(TRANSFER_MAX_PROFILES),
  secrets: SealedSecretsSchema.optional(),
});

export const TransferExportInputSchema = z.strictObject({
  /** The profiles to export; absent: all. */
  ids: z.array(z.string()).max(TRANSFER_MAX_PROFILES).optional(),
  /** Seals the keys, header values and proxy passwords under it; absent leaves them out. */
  passphrase: PassphraseSchema.optional(),
});
export type TransferExportInput = z.input<typeof TransferExportInputSchema>;

/** What import will do with one entry of the file, and what it will need afterwards. */
export const ImportEntrySchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  status: z.enum(['new', 'same-name', 'invalid']),
  /** For an invalid entry: every problem, by field. */
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  /** Sends prompts off this computer: it asks for consent before it is used. */
  needsConsent: z.boolean(),
  /** Its provider needs a key and none comes with it. */
  needsKey: z.boolean(),
  /** A key (or other secret) comes with it from the sealed part of the file. */
  bringsSecrets: z.boolean(),
});
export type ImportEntry = z.infer<typeof ImportEntrySchema>;

export const ImportPreviewSchema = z.object({
  /** The vault revision the preview was made on; the commit must be made on the same one. */
  revision: z.number().int().nonnegative(),
  entries: z.array(ImportEntrySchema),
  /** The file has sealed secrets and no passphrase was given: the profiles come without them. */
  secretsLocked: z.boolean(),
  exportedAt: z.string(),
  appVersion: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** The learner's choice for an entry whose name is taken: a new name, skip it, or replace the saved one. */
export const ImportDecisionSchema = z.discriminatedUnion('action', [
  z.strictObject({ index: z.number().int().nonnegative(), action: z.literal('skip') }),
  z.strictObject({ index: z.number().int().nonnegative(), action: z.literal('replace') }),
  z.strictObject({ index: z.number().int().nonnegative(), action: z.literal('rename'), name: z.string() }),
]);
export type ImportDecision = z.infer<typeof ImportDecisionSchema>;

export const ImportResultSchema = z.object({
  added: z.array(z.string()),
  replaced: z.array(z.string()),
  skipped: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// The procedures: the main process owns the file dialogs, so the window sends choices and gets outcomes only.

/** transfer.export: saved (with the chosen file's name) or cancelled by the learner. */
export const ExportOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), fileName: z.string(), count: z.number().int().nonnegative() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type ExportOutcome = z.infer<typeof ExportOutcomeSchema>;

/** A file chosen for import, held in main under `token` until it is imported or another is chosen. */
export const ImportChosenSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('chosen'),
    token: z.string(),
    fileName: z.string(),
    preview: ImportPreviewSchema,
  }),
  z.object({ status: z.literal('cancelled') }),
]);
export type ImportChosen = z.infer<typeof ImportChosenSchema>;

export const ImportPreviewInputSchema = z.strictObject({
  token: z.string().max(100),
  passphrase: PassphraseSchema.optional(),
});
export const ImportCommitInputSchema = z.strictObject({
  token: z.string().max(100),
  passphrase: PassphraseSchema.optional(),
  /** The vault revision the preview was made on. */
  revision: z.number().int().nonnegative(),
  decisions: z.array(ImportDecisionSchema).max(TRANSFER_MAX_PROFILES),
});
export type ImportCommitInput = z.input<typeof ImportCommitInputSchema>;
