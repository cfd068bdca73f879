// storage.* procedures: what secure storage can do right now, the weak-storage opt-in, and removing the damaged
// copies a repair left behind.
import {
  AllowWeakEncryptionInputSchema,
  RemoveDamagedCopiesInputSchema,
  StorageStatusSchema,
} from '../../shared/storage.contract.js';
import { procedure, router, typedInput } from './trpc.js';

export const storageRouter = router({
  status: procedure
    .meta({
      summary: 'Whether keys can be protected and changes saved, and whether the vault was repaired.',
      output: StorageStatusSchema,
      errors: [],
    })
    .query(({ ctx }) => ctx.services.storage.status()),
  allowWeakEncryption: procedure
    .meta({
      summary: 'Records the learner’s explicit opt-in to weakly protected keys (Linux without a keyring).',
      output: StorageStatusSchema,
      errors: ['VAULT_ENCRYPTION_UNAVAILABLE', 'VAULT_DISK_FULL', 'VAULT_PERMISSION_DENIED', 'VAULT_WRITE_FAILED'],
    })
    .input(typedInput(AllowWeakEncryptionInputSchema))
    .mutation(({ ctx, input }) => ctx.services.storage.allowWeakEncryption(input)),
  removeDamagedCopies: procedure
    .meta({
      summary: 'Deletes the damaged vault copies moved aside at start-up (listed in the status).',
      output: StorageStatusSchema,
      errors: ['VAULT_DISK_FULL', 'VAULT_PERMISSION_DENIED', 'VAULT_WRITE_FAILED'],
    })
    .input(typedInput(RemoveDamagedCopiesInputSchema))
    .mutation(({ ctx, input }) => ctx.services.storage.removeDamagedCopies(input)),
});
