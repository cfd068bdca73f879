// transfer.* procedures: export to a file, and import from one through a preview. The main process owns the Save
// and Open dialogs, so the window sends only choices (which profiles, a passphrase, what to do with a taken name)
// and gets back outcomes: never a path, never a key.
import {
  ExportOutcomeSchema,
  ImportChosenSchema,
  ImportCommitInputSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  TransferExportInputSchema,
} from '../../shared/transfer.contract.js';
import { procedure, router, typedInput } from './trpc.js';

const WRITE_ERRORS = [
  'VAULT_ENCRYPTION_UNAVAILABLE',
  'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
  'VAULT_DISK_FULL',
  'VAULT_PERMISSION_DENIED',
  'VAULT_WRITE_FAILED',
] as const;
const FILE_ERRORS = [
  'TRANSFER_FILE_TOO_LARGE',
  'TRANSFER_FILE_INVALID',
  'TRANSFER_VERSION_NEWER',
  'TRANSFER_PASSPHRASE_WRONG',
] as const;

export const transferRouter = router({
  export: procedure
    .meta({
      summary:
        'Saves the chosen profiles (or all) to a file the learner picks; keys only when sealed under a passphrase.',
      output: ExportOutcomeSchema,
      errors: ['PROFILE_NOT_FOUND', 'VAULT_KEY_UNREADABLE', 'VAULT_HEADERS_UNREADABLE', 'VAULT_ENCRYPTION_UNAVAILABLE'],
    })
    .input(typedInput(TransferExportInputSchema))
    .mutation(({ ctx, input }) => ctx.services.transfer.exportToFile(input)),
  chooseImport: procedure
    .meta({
      summary: 'Opens a file the learner picks and previews what importing it would do; nothing is written.',
      output: ImportChosenSchema,
      errors: [...FILE_ERRORS],
    })
    .mutation(({ ctx }) => ctx.services.transfer.chooseImport()),
  previewImport: procedure
    .meta({
      summary: 'The open file’s preview again, with its keys unsealed by the passphrase.',
      output: ImportPreviewSchema,
      errors: [...FILE_ERRORS],
    })
    .input(typedInput(ImportPreviewInputSchema))
    .mutation(({ ctx, input }) => ctx.services.transfer.previewImport(input)),
  commitImport: procedure
    .meta({
      summary: 'Imports the open file as previewed, with the learner’s choice for each taken name, in one write.',
      output: ImportResultSchema,
      errors: [...FILE_ERRORS, 'TRANSFER_PREVIEW_STALE', ...WRITE_ERRORS],
    })
    .input(typedInput(ImportCommitInputSchema))
    .mutation(({ ctx, input }) => ctx.services.transfer.commitImport(input)),
});
