// The connection test as the renderer sees it: phases as they happen, then one result with the figures
// (or the catalogued error), and whether the summary could be saved on the profile.
import { z } from 'zod';
import { AppErrorDataSchema } from './errors/app-error-data.contract.js';
import { ProfileIdSchema } from './profile.contract.js';

export const TEST_PHASES = ['connecting', 'authenticated', 'model-found', 'first-token', 'done'] as const;
export const TestPhaseSchema = z.enum(TEST_PHASES);
export type TestPhase = z.infer<typeof TestPhaseSchema>;

export const TestMetricsSchema = z.object({
  /** Request written → response headers received. */
  timeToFirstByteMs: z.number().nonnegative(),
  /** Request written → first non-empty text (or reasoning) delta. Null if the model produced nothing. */
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  totalMs: z.number().nonnegative(),
  outputTokens: z.number().int().nonnegative().nullable(),
  /** server: the server counted them; estimated: one per streamed delta. */
  outputTokensSource: z.enum(['server', 'estimated']).nullable(),
  tokensPerSecond: z.number().nonnegative().nullable(),
  /** server: reported by the server (Ollama eval counts, llama.cpp timings); measured: tokens ÷ streaming time. */
  tokensPerSecondSource: z.enum(['server', 'measured']).nullable(),
  /** Server-side model load and prompt processing time, when the server reports them. */
  serverLoadMs: z.number().nonnegative().nullable(),
  serverPromptMs: z.number().nonnegative().nullable(),
});
export type TestMetrics = z.infer<typeof TestMetricsSchema>;

export const TestResultSchema = z.object({
  ok: z.boolean(),
  profileId: z.string(),
  model: z.string(),
  resolvedEndpoint: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** The last phase reached, even when it then failed. */
  phaseReached: TestPhaseSchema.nullable(),
  metrics: TestMetricsSchema.nullable(),
  /** The start of the reply, to show the model really answered. */
  preview: z.string(),
  error: AppErrorDataSchema.nullable(),
  /** False when the summary could not be stored on the profile; notSaved then says why, in catalogue words. */
  saved: z.boolean(),
  notSaved: AppErrorDataSchema.nullable(),
});
export type TestResult = z.infer<typeof TestResultSchema>;

export const TestEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), phase: TestPhaseSchema, elapsedMs: z.number().nonnegative() }),
  z.object({ type: z.literal('result'), result: TestResultSchema }),
]);
export type TestEvent = z.infer<typeof TestEventSchema>;

export const ProfileTestInputSchema = z.strictObject({ id: ProfileIdSchema });
export type ProfileTestInput = z.input<typeof ProfileTestInputSchema>;
