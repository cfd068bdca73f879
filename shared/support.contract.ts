// "Save diagnostics for support": one zip a learner can hand to a teacher or helper. What is in it is listed in
// its manifest; keys, header values and proxy passwords never are, nor profile names unless the learner says so.
import { z } from 'zod';

export const SupportBundleInputSchema = z.strictObject({
  /** Put the learner's own profile names in the summary (off: "Profile 1", "Profile 2", …). */
  includeNames: z.boolean().optional(),
});
export type SupportBundleInput = z.input<typeof SupportBundleInputSchema>;

export const SupportBundleOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), fileName: z.string(), files: z.array(z.string()) }),
  z.object({ status: z.literal('cancelled') }),
]);
export type SupportBundleOutcome = z.infer<typeof SupportBundleOutcomeSchema>;

/** The manifest at the root of every bundle: each file with its size and SHA-256. */
export const BundleManifestSchema = z.object({
  format: z.literal('llm-profiles-support'),
  createdAt: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() })),
});
