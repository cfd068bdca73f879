// support.* procedures: "Save diagnostics for support" — the bundle is built and saved in main, where the learner
// picks; the window gets back the file's name and what is in it.
import { SupportBundleInputSchema, SupportBundleOutcomeSchema } from '../../shared/support.contract.js';
import { procedure, router, typedInput } from './trpc.js';

export const supportRouter = router({
  saveBundle: procedure
    .meta({
      summary:
        'Saves one zip of the scrubbed logs, versions, storage status and a profile summary (no keys, no names unless asked).',
      output: SupportBundleOutcomeSchema,
      errors: ['SUPPORT_BUNDLE_SECRET_FOUND'],
    })
    .input(typedInput(SupportBundleInputSchema))
    .mutation(({ ctx, input }) => ctx.services.support.saveToFile(input)),
});
