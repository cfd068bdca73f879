// storage.* procedures: what secure storage can do right now, and the weak-storage opt-in.
import type { AllowWeakEncryptionInput } from '../../shared/storage.contract.js';
import { procedure, router, typedInput } from './init.js';

export const storageRouter = router({
  status: procedure.query(({ ctx }) => ctx.core.storage.status()),
  allowWeakEncryption: procedure
    .input(typedInput<AllowWeakEncryptionInput>())
    .mutation(({ ctx, input }) => ctx.core.storage.allowWeakEncryption(input)),
});
