// Listing a server's models for a saved profile, or for the unsaved values of a form (so the form can offer
// a model picker before saving). A draft may borrow the saved key and extra headers of an existing profile.
import { ProxyChoiceSchema, ProxyPasswordSchema } from './network.contract.js';
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';
import {
  addressOptionIssues,
  ApiKeySchema,
  AzureApiVersionSchema,
  AzureDeploymentSchema,
  BaseUrlSchema,
  ExactAddressSchema,
  LoadTimeoutMsSchema,
  ModelSchema,
  ModelsUrlSchema,
  ProfileIdSchema,
  TimeoutMsSchema,
} from './profile.contract.js';
import { PresetSchema, ProviderKindSchema } from './provider.contract.js';
import { HeaderEditListSchema } from './request-headers.contract.js';

const MODELS_DRAFT_SHAPE = {
  kind: ProviderKindSchema,
  preset: PresetSchema.nullable().optional(),
  baseUrl: BaseUrlSchema,
  azureDeployment: AzureDeploymentSchema.nullable().optional(),
  azureApiVersion: AzureApiVersionSchema.nullable().optional(),
  /** As on a profile: the address as typed, and a model list address on the base's own origin. */
  exactAddress: ExactAddressSchema.optional(),
  modelsUrl: ModelsUrlSchema.nullable().optional(),
  apiKey: ApiKeySchema.optional(),
  /**
   * The form's extra headers; `keep: true` borrows the value saved under that name. Absent borrows every saved one.
   * Saved values are borrowed only while the draft points at the profile's own server (scheme, host and port).
   */
  headers: HeaderEditListSchema.optional(),
  timeoutMs: TimeoutMsSchema.optional(),
  proxy: ProxyChoiceSchema.optional(),
  /** The form's proxy password; absent borrows the saved one while the draft names the same proxy and user. */
  proxyPassword: ProxyPasswordSchema.optional(),
  remoteConsent: z.boolean().optional(),
};

// A draft is sent the form's key (or borrows the saved one): its model list must stay on the base's origin too.
function addressOptionsChecked(draft: Parameters<typeof addressOptionIssues>[0], ctx: z.RefinementCtx): void {
  for (const issue of addressOptionIssues(draft))
    ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
}

export const ModelsDraftSchema = z.strictObject(MODELS_DRAFT_SHAPE).superRefine(addressOptionsChecked);
export type ModelsDraft = z.input<typeof ModelsDraftSchema>;

/**
 * profiles.test on a form's unsaved values ("Check connection"): a models draft with the model to ask and its
 * load limit. It borrows saved secrets and consent under the same rules, and its result is never stored.
 */
export const TestDraftSchema = z
  .strictObject({ ...MODELS_DRAFT_SHAPE, model: ModelSchema, loadTimeoutMs: LoadTimeoutMsSchema.optional() })
  .superRefine(addressOptionsChecked);
export type TestDraft = z.input<typeof TestDraftSchema>;

export const ProfileModelsInputSchema = z
  .strictObject({ id: ProfileIdSchema.optional(), draft: ModelsDraftSchema.optional() })
  .refine((input) => input.id !== undefined || input.draft !== undefined, {
    message: fieldMessage('modelsTarget'),
    path: ['id'],
  });
export type ProfileModelsInput = z.input<typeof ProfileModelsInputSchema>;

/** What a model is for, as far as the server says (or its id gives away); 'unknown' when neither does. */
export const MODEL_KINDS = ['chat', 'embedding', 'image', 'audio', 'unknown'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The most models one listing returns, across all its pages; more sets `truncated`. */
export const MODELS_CAP = 5_000;

export const ListedModelSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  kind: z.enum(MODEL_KINDS),
  /** Tokens of context the server reports for it (its running setting where known, else the model's maximum). */
  contextLength: z.number().int().positive().nullable(),
  /** For local servers that say: whether it is in memory now. Null when the server does not tell. */
  loaded: z.boolean().nullable(),
});
export type ListedModel = z.infer<typeof ListedModelSchema>;

export const ModelListSchema = z.object({
  /** Chat (and unknown) models first, then the ones a chat cannot use; each group by id. */
  models: z.array(ListedModelSchema),
  /** True when the server offered more than MODELS_CAP models and the rest were not fetched. */
  truncated: z.boolean(),
  /** The URL the list came from. */
  endpoint: z.string(),
});
export type ModelList = z.infer<typeof ModelListSchema>;
