// The connection test as the renderer sees it: phases as they happen, then one result with the figures
// (or the catalogued error), and whether the summary could be saved on the profile.
import { z } from 'zod';
import { AppErrorDataSchema } from './errors/app-error-data.contract.js';
import { fieldMessage } from './errors/field-messages.js';
import { TestDraftSchema } from './models.contract.js';
import { ProfileIdSchema } from './profile.contract.js';

/** The prompt's phases, in order. */
export const TEST_PHASES = ['connecting', 'authenticated', 'model-found', 'first-token', 'done'] as const;
/**
 * Before them, only when a local server says the model is not in memory: reading it in, under its own limit
 * (the profile's load limit), so the prompt's own limit starts on a warm model.
 */
export const LOADING_PHASE = 'loading';
export const TestPhaseSchema = z.enum([LOADING_PHASE, ...TEST_PHASES]);
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
  /** Null for a form's unsaved values. */
  profileId: z.string().nullable(),
  model: z.string(),
  resolvedEndpoint: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** The last phase reached, even when it then failed. */
  phaseReached: TestPhaseSchema.nullable(),
  metrics: TestMetricsSchema.nullable(),
  /** The start of the reply, to show the model really answered. */
  preview: z.string(),
  error: AppErrorDataSchema.nullable(),
  /**
   * False when the summary could not be stored on the profile; notSaved then says why, in catalogue words. A
   * draft's result is never stored (false, notSaved null).
   */
  saved: z.boolean(),
  notSaved: AppErrorDataSchema.nullable(),
});
export type TestResult = z.infer<typeof TestResultSchema>;

export const TestEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('phase'),
    phase: TestPhaseSchema,
    elapsedMs: z.number().nonnegative(),
    /** For the loading phase: the model's size on disk, where the server says. */
    sizeBytes: z.number().nonnegative().nullable().optional(),
  }),
  z.object({ type: z.literal('result'), result: TestResultSchema }),
]);
export type TestEvent = z.infer<typeof TestEventSchema>;

/**
 * A saved profile, or a form's unsaved values (with the id of the profile being edited, whose saved key, headers
 * and consent the draft may borrow while it points at the same server).
 */
export const ProfileTestInputSchema = z
  .strictObject({ id: ProfileIdSchema.optional(), draft: TestDraftSchema.optional() })
  .refine((input) => input.id !== undefined || input.draft !== undefined, {
    message: fieldMessage('modelsTarget'),
    path: ['id'],
  });
export type ProfileTestInput = z.input<typeof ProfileTestInputSchema>;

/** profiles.loadModel: a saved profile's model. */
export const ProfileLoadModelInputSchema = z.strictObject({ id: ProfileIdSchema });
export type ProfileLoadModelInput = z.input<typeof ProfileLoadModelInputSchema>;

/** profiles.loadModel: the model read into memory without a test (local servers that can load on request). */
export const LoadModelResultSchema = z.object({
  model: z.string(),
  /** false: this server has no way to load a model on request (it loads one when it is first asked). */
  supported: z.boolean(),
  alreadyLoaded: z.boolean(),
  /** How long the load took; null when nothing was loaded. */
  loadMs: z.number().nonnegative().nullable(),
});
export type LoadModelResult = z.infer<typeof LoadModelResultSchema>;
