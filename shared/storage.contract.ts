// What the app can say about its own storage: whether keys can be protected, whether writes are allowed,
// and whether the vault had to be recovered at start-up (and where the damaged file was put).
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';

export const ENCRYPTION_STATES = ['available', 'weak', 'unavailable'] as const;
export const EncryptionStateSchema = z.enum(ENCRYPTION_STATES);
export type EncryptionState = z.infer<typeof EncryptionStateSchema>;

export const VaultRecoverySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  /** missing: the vault file vanished while its backup was still there (for example a crash mid-recovery). */
  reason: z.enum(['unparseable', 'invalid', 'missing']),
  /** Where the damaged file now is, byte for byte as it was found; null when there was no file. */
  quarantinedPath: z.string().nullable(),
  restoredFrom: z.enum(['backup', 'empty']),
  /** The number of profiles that came back. */
  restoredProfiles: z.number().int().nonnegative(),
});
export type VaultRecovery = z.infer<typeof VaultRecoverySchema>;

/** How many damaged copies are kept, and for how long, before the app removes them itself. */
export const DAMAGED_COPIES_KEPT = { count: 5, days: 30 } as const;

/** A damaged vault (or backup) moved aside at start-up, kept so nothing is lost until the learner removes it. */
export const DamagedCopySchema = z.object({
  name: z.string(),
  path: z.string(),
  at: z.iso.datetime({ offset: true }),
});

export const StorageStatusSchema = z.object({
  encryption: EncryptionStateSchema,
  /** The OS mechanism in use: keychain, dpapi, gnome_libsecret, kwallet*, basic_text, unknown … */
  backend: z.string(),
  /** False while secure storage is unavailable: every change is refused, reading still works. */
  writable: z.boolean(),
  /** Whether a new API key can be saved right now. */
  canStoreKeys: z.boolean(),
  weakStorageAllowedAt: z.iso.datetime({ offset: true }).nullable(),
  vaultPath: z.string(),
  recovery: VaultRecoverySchema.nullable(),
  unreadableKeyCount: z.number().int().nonnegative(),
  /** Damaged copies still on disk, newest first (a few are kept for a month, then removed). */
  damagedCopies: z.array(DamagedCopySchema),
});
export type StorageStatus = z.infer<typeof StorageStatusSchema>;

export const AllowWeakEncryptionInputSchema = z.strictObject({
  /** The learner ticked "I understand my keys are only weakly protected on this computer". */
  acknowledged: z.literal(true, { error: fieldMessage('weakStorageAcknowledge') }),
});
export type AllowWeakEncryptionInput = z.input<typeof AllowWeakEncryptionInputSchema>;

export const RemoveDamagedCopiesInputSchema = z.strictObject({}).optional();
export type RemoveDamagedCopiesInput = z.input<typeof RemoveDamagedCopiesInputSchema>;
