// Listing a server's models for a saved profile, or for the unsaved values of a form (so the form can offer
// a model picker before saving). A draft may borrow the saved key and extra headers of an existing profile.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';
import {
  ApiKeySchema,
  AzureApiVersionSchema,
  AzureDeploymentSchema,
  BaseUrlSchema,
  ProfileIdSchema,
  TimeoutMsSchema,
} from './profile.contract.js';
import { PresetSchema, ProviderKindSchema } from './provider.contract.js';
import { HeaderEditListSchema } from './request-headers.contract.js';

export const ModelsDraftSchema = z.strictObject({
  kind: ProviderKindSchema,
  preset: PresetSchema.nullable().optional(),
  baseUrl: BaseUrlSchema,
  azureDeployment: AzureDeploymentSchema.nullable().optional(),
  azureApiVersion: AzureApiVersionSchema.nullable().optional(),
  apiKey: ApiKeySchema.optional(),
  /**
   * The form's extra headers; `keep: true` borrows the value saved under that name. Absent borrows every saved one.
   * Saved values are borrowed only while the draft points at the profile's own server (scheme, host and port).
   */
  headers: HeaderEditListSchema.optional(),
  timeoutMs: TimeoutMsSchema.optional(),
  remoteConsent: z.boolean().optional(),
});
export type ModelsDraft = z.input<typeof ModelsDraftSchema>;

export const ProfileModelsInputSchema = z
  .strictObject({ id: ProfileIdSchema.optional(), draft: ModelsDraftSchema.optional() })
  .refine((input) => input.id !== undefined || input.draft !== undefined, {
    message: fieldMessage('modelsTarget'),
    path: ['id'],
  });
export type ProfileModelsInput = z.input<typeof ProfileModelsInputSchema>;

export const ModelListSchema = z.object({
  models: z.array(z.object({ id: z.string(), label: z.string().optional() })),
  /** The URL the list came from. */
  endpoint: z.string(),
});
export type ModelList = z.infer<typeof ModelListSchema>;
