// The profile as stored, as shown, and as changed. Every rule a learner can break lives here, each worded
// for the field it belongs to, so the same schema guards IPC input in main and the form in the renderer.
import { z } from 'zod';
import { ERROR_CODES } from './errors/error-codes.js';
import { endpointHost, isLoopbackHost } from './endpoint.js';
import {
  PRESETS,
  PROVIDERS,
  PresetSchema,
  ProviderKindSchema,
  type Preset,
  type ProviderKind,
} from './provider.contract.js';

export const PROFILE_LIMITS = {
  nameMax: 64,
  modelMax: 200,
  apiKeyMax: 4096,
  baseUrlMax: 2048,
  timeoutMinMs: 1_000,
  timeoutMaxMs: 30_000,
  azureDeploymentMax: 64,
} as const;

export const DEFAULT_TIMEOUT_MS = PROFILE_LIMITS.timeoutMaxMs;

const requiredText = (missing: string, wrongType: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : wrongType) });

export const ProfileIdSchema = requiredText('A profile id is required.', 'A profile id must be text.')
  .min(1, 'A profile id is required.')
  .max(64, 'That is not a valid profile id.')
  .regex(/^[A-Za-z0-9_-]+$/, 'That is not a valid profile id.');

export const RevisionSchema = z
  .number({ error: 'The revision you are editing is missing; reload the profile.' })
  .int('The revision must be a whole number.')
  .min(1, 'The revision must be 1 or more.');

export const ProfileNameSchema = requiredText('Give the profile a name.', 'The name must be text.')
  .trim()
  .min(1, 'Give the profile a name.')
  .max(PROFILE_LIMITS.nameMax, `Keep the name to ${PROFILE_LIMITS.nameMax} characters or fewer.`);

function baseUrlProblem(raw: string): string | null {
  if (raw.includes('#')) return 'Remove the "#…" part from the address.';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full address starting with http:// or https://, for example http://127.0.0.1:11434.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The address must start with http:// or https://.';
  }
  if (url.username !== '' || url.password !== '') {
    return 'Remove the user name and password from the address; put an API key in the API key field instead.';
  }
  if (url.hostname === '') return 'The address needs a host name, for example 127.0.0.1.';
  if (url.search !== '' || raw.includes('?')) {
    return 'Remove the "?…" part from the address; API keys and versions have their own fields.';
  }
  return null;
}

export const BaseUrlSchema = requiredText('Enter the server address.', 'The address must be text.')
  .trim()
  .min(1, 'Enter the server address.')
  .max(PROFILE_LIMITS.baseUrlMax, `Keep the address to ${PROFILE_LIMITS.baseUrlMax} characters or fewer.`)
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ModelSchema = requiredText('Enter the model name.', 'The model name must be text.')
  .trim()
  .min(1, 'Enter the model name.')
  .max(PROFILE_LIMITS.modelMax, `Keep the model name to ${PROFILE_LIMITS.modelMax} characters or fewer.`);

export const ApiKeySchema = requiredText('Enter the API key.', 'The API key must be text.')
  .min(1, 'The API key is empty; paste the whole key.')
  .max(PROFILE_LIMITS.apiKeyMax, 'That API key is too long (over 4 KB); check that you pasted only the key.')
  .regex(/^\S+$/, 'The API key must not contain spaces or line breaks; check that you pasted only the key.')
  // Keys travel in HTTP headers, which carry only visible ASCII; this also makes the 4 KB limit exact in bytes.
  .regex(
    /^[\x21-\x7e]*$/,
    'The API key can only contain plain letters, digits and symbols (no accented letters, curly quotes or emoji); check that you pasted only the key.',
  );

export const TimeoutMsSchema = z
  .number({ error: 'The time limit must be a number of milliseconds.' })
  .int('The time limit must be a whole number of milliseconds.')
  .min(PROFILE_LIMITS.timeoutMinMs, 'The time limit must be at least 1 second (1000 ms).')
  .max(PROFILE_LIMITS.timeoutMaxMs, 'The time limit can be at most 30 seconds (30000 ms).');

export const AzureDeploymentSchema = requiredText(
  'Enter the Azure deployment name.',
  'The deployment name must be text.',
)
  .trim()
  .min(1, 'Enter the Azure deployment name.')
  .max(PROFILE_LIMITS.azureDeploymentMax, 'Azure deployment names are at most 64 characters.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Azure deployment names use only letters, digits, ".", "_" and "-".');

export const AzureApiVersionSchema = requiredText('Enter the Azure API version.', 'The API version must be text.')
  .trim()
  .regex(
    /^(v1|\d{4}-\d{2}-\d{2}(-preview)?)$/,
    'Use "v1" for the v1 API, or a dated version such as 2024-10-21 (optionally ending in -preview).',
  );

/** The fields that describe where and how to reach a model: what create sets and update patches. */
const profileFieldShape = {
  name: ProfileNameSchema,
  kind: ProviderKindSchema,
  preset: PresetSchema.optional(),
  baseUrl: BaseUrlSchema,
  model: ModelSchema,
  azureDeployment: AzureDeploymentSchema.optional(),
  azureApiVersion: AzureApiVersionSchema.optional(),
  timeoutMs: TimeoutMsSchema.optional(),
};

export interface ProfileRuleSubject {
  kind: ProviderKind;
  preset?: Preset | undefined;
  azureDeployment?: string | undefined;
  azureApiVersion?: string | undefined;
  hasApiKey: boolean;
}

export interface RuleIssue {
  field: string;
  message: string;
}

/** Rules that depend on the provider kind: checked on create and again on the merged result of an update. */
export function kindRuleIssues(subject: ProfileRuleSubject): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const { kind } = subject;
  if (kind === 'openai-compatible' && !subject.preset) {
    issues.push({ field: 'preset', message: 'Choose which server this is (LM Studio, llama.cpp, vLLM, …).' });
  }
  if (kind !== 'openai-compatible' && subject.preset) {
    issues.push({
      field: 'preset',
      message: `A server preset only applies to OpenAI-compatible servers, not ${PROVIDERS[kind].label}.`,
    });
  }
  if (kind === 'azure-openai') {
    if (!subject.azureDeployment)
      issues.push({ field: 'azureDeployment', message: 'Enter the Azure deployment name.' });
    if (!subject.azureApiVersion)
      issues.push({ field: 'azureApiVersion', message: 'Enter the Azure API version, such as 2024-10-21 or v1.' });
  } else {
    if (subject.azureDeployment)
      issues.push({ field: 'azureDeployment', message: 'A deployment name only applies to Azure OpenAI.' });
    if (subject.azureApiVersion)
      issues.push({ field: 'azureApiVersion', message: 'An API version only applies to Azure OpenAI.' });
  }
  if (PROVIDERS[kind].keyRequired && !subject.hasApiKey) {
    issues.push({ field: 'apiKey', message: `${PROVIDERS[kind].label} needs an API key.` });
  }
  return issues;
}

export const ProfileCreateInputSchema = z
  .strictObject({
    ...profileFieldShape,
    apiKey: ApiKeySchema.optional(),
    /** True when the learner has just agreed to send prompts to a remote host. */
    remoteConsent: z.boolean({ error: 'Consent must be yes or no.' }).optional(),
  })
  .superRefine((input, ctx) => {
    for (const issue of kindRuleIssues({ ...input, hasApiKey: input.apiKey !== undefined })) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
    }
  });
export type ProfileCreateInput = z.input<typeof ProfileCreateInputSchema>;

export const ProfilePatchSchema = z.strictObject({
  name: ProfileNameSchema.optional(),
  kind: ProviderKindSchema.optional(),
  preset: PresetSchema.nullable().optional(),
  baseUrl: BaseUrlSchema.optional(),
  model: ModelSchema.optional(),
  azureDeployment: AzureDeploymentSchema.nullable().optional(),
  azureApiVersion: AzureApiVersionSchema.nullable().optional(),
  timeoutMs: TimeoutMsSchema.optional(),
  /** A new key replaces the stored one; null removes it; absent keeps it. */
  apiKey: ApiKeySchema.nullable().optional(),
});
export type ProfilePatch = z.input<typeof ProfilePatchSchema>;

export const ProfileUpdateInputSchema = z.strictObject({
  id: ProfileIdSchema,
  expectedRevision: RevisionSchema,
  patch: ProfilePatchSchema,
  remoteConsent: z.boolean({ error: 'Consent must be yes or no.' }).optional(),
});
export type ProfileUpdateInput = z.input<typeof ProfileUpdateInputSchema>;

export const ProfileGetInputSchema = z.strictObject({ id: ProfileIdSchema });
export type ProfileGetInput = z.input<typeof ProfileGetInputSchema>;

export const ProfileDeleteInputSchema = z.strictObject({
  id: ProfileIdSchema,
  expectedRevision: RevisionSchema.optional(),
});
export type ProfileDeleteInput = z.input<typeof ProfileDeleteInputSchema>;

export const ProfileDeleteResultSchema = z.object({ id: z.string(), activeProfileId: z.string().nullable() });
export type ProfileDeleteResult = z.infer<typeof ProfileDeleteResultSchema>;

export const ProfileActivateInputSchema = z.strictObject({
  id: ProfileIdSchema,
  remoteConsent: z.boolean({ error: 'Consent must be yes or no.' }).optional(),
});
export type ProfileActivateInput = z.input<typeof ProfileActivateInputSchema>;

const IsoDateSchema = z.iso.datetime({ offset: true });

/** What the last connection test found; kept on the profile so the list can show it. */
export const LastTestSummarySchema = z.object({
  at: IsoDateSchema,
  ok: z.boolean(),
  errorCode: z.enum(ERROR_CODES).nullable(),
  model: z.string(),
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  totalMs: z.number().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
  tokensPerSecond: z.number().nonnegative().nullable(),
});
export type LastTestSummary = z.infer<typeof LastTestSummarySchema>;

export const RemoteConsentSchema = z.object({ at: IsoDateSchema, host: z.string().min(1) });
export type RemoteConsent = z.infer<typeof RemoteConsentSchema>;

/** A profile as the vault keeps it. The API key is not here: it lives encrypted beside the profiles. */
export const StoredProfileSchema = z.object({
  id: ProfileIdSchema,
  name: ProfileNameSchema,
  kind: ProviderKindSchema,
  preset: PresetSchema.optional(),
  baseUrl: BaseUrlSchema,
  model: ModelSchema,
  azureDeployment: AzureDeploymentSchema.optional(),
  azureApiVersion: AzureApiVersionSchema.optional(),
  timeoutMs: TimeoutMsSchema,
  revision: RevisionSchema,
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  remoteConsent: RemoteConsentSchema.nullable(),
  lastTest: LastTestSummarySchema.nullable(),
});
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

export const KEY_STATUSES = ['none', 'stored', 'unreadable', 'locked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** What the renderer sees. Never the key: only whether there is one and its last four characters. */
export const ProfileViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: ProviderKindSchema,
  preset: PresetSchema.nullable(),
  baseUrl: z.string(),
  model: z.string(),
  azureDeployment: z.string().nullable(),
  azureApiVersion: z.string().nullable(),
  timeoutMs: z.number().int(),
  revision: z.number().int(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  isActive: z.boolean(),
  location: z.enum(['local', 'remote']),
  host: z.string(),
  /** When the learner agreed to send prompts to `host`; null if not (yet) for this host or not needed. */
  remoteConsentAt: IsoDateSchema.nullable(),
  hasApiKey: z.boolean(),
  apiKeyHint: z.string().max(4).nullable(),
  keyStatus: z.enum(KEY_STATUSES),
  lastTest: LastTestSummarySchema.nullable(),
  /** The exact URL a chat or connection test is sent to. */
  resolvedEndpoint: z.string().nullable(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const ProfileListSchema = z.object({
  profiles: z.array(ProfileViewSchema),
  activeProfileId: z.string().nullable(),
});
export type ProfileList = z.infer<typeof ProfileListSchema>;

/** Consent only counts for the host it was given for. */
export function consentCovers(consent: RemoteConsent | null, baseUrl: string): boolean {
  const host = endpointHost(baseUrl);
  if (host === null) return false;
  if (isLoopbackHost(host)) return true;
  return consent !== null && consent.host === host;
}

export function presetLabel(preset: Preset): string {
  return PRESETS[preset].label;
}
