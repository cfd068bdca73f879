// The profile as stored, as shown, and as changed. Every rule a learner can break lives here, each worded
// for the field it belongs to, so the same schema guards IPC input in main and the form in the renderer.
import { ProxyChoiceSchema, ProxyPasswordSchema } from './network.contract.js';
import { z } from 'zod';
import { ERROR_CODES } from './errors/error-codes.js';
import { fieldMessage, type FieldMessageId } from './errors/field-messages.js';
import { takesAddressOptions } from './address-options.js';
import { endpointOrigin } from './origin.js';
import { isPlainText } from './text-rules.js';
import { HeaderEditListSchema, HeaderListSchema } from './request-headers.contract.js';
import {
  keyRequiredFor,
  PresetSchema,
  providerLabel,
  PROVIDERS,
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
  /** Reading a model into memory: large ones on slow disks take minutes. */
  loadTimeoutMinMs: 10_000,
  loadTimeoutMaxMs: 15 * 60_000,
  azureDeploymentMax: 64,
} as const;

export const DEFAULT_TIMEOUT_MS = PROFILE_LIMITS.timeoutMaxMs;
export const DEFAULT_LOAD_TIMEOUT_MS = 5 * 60_000;
/** Until the server answers at all (its response headers), once the model is known to be in memory. */
export const CONNECT_TIMEOUT_MS = 5_000;

const requiredText = (missing: string, wrongType: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : wrongType) });

export const ProfileIdSchema = requiredText(fieldMessage('profileIdRequired'), fieldMessage('profileIdText'))
  .min(1, fieldMessage('profileIdRequired'))
  .max(64, fieldMessage('profileIdInvalid'))
  .regex(/^[A-Za-z0-9_-]+$/, fieldMessage('profileIdInvalid'));

export const RevisionSchema = z
  .number({ error: fieldMessage('revisionMissing') })
  .int(fieldMessage('revisionWhole'))
  .min(1, fieldMessage('revisionMin'));

/** A name as vaults written before the plain-text rule may hold it: still served, never refused on load. */
const StoredNameSchema = requiredText(fieldMessage('nameRequired'), fieldMessage('nameText'))
  .trim()
  .min(1, fieldMessage('nameRequired'))
  .max(PROFILE_LIMITS.nameMax, fieldMessage('nameTooLong', { max: PROFILE_LIMITS.nameMax }));

export const ProfileNameSchema = StoredNameSchema.refine(isPlainText, fieldMessage('nameCharacters'));

function baseUrlProblem(raw: string): FieldMessageId | null {
  if (raw.includes('#')) return 'addressFragment';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'addressNotUrl';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'addressScheme';
  if (url.username !== '' || url.password !== '') return 'addressCredentials';
  if (url.hostname === '') return 'addressHost';
  if (url.search !== '' || raw.includes('?')) return 'addressQuery';
  return null;
}

export const BaseUrlSchema = requiredText(fieldMessage('addressRequired'), fieldMessage('addressText'))
  .trim()
  .min(1, fieldMessage('addressRequired'))
  .max(PROFILE_LIMITS.baseUrlMax, fieldMessage('addressTooLong', { max: PROFILE_LIMITS.baseUrlMax }))
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: fieldMessage(problem) });
  });

/**
 * The full URL of a server's model list, when it is not the base + /models: checked like the base address (it is
 * sent the same key), and on the base's own origin (kindRuleIssues), the only one the key may go to.
 */
export const ModelsUrlSchema = requiredText(fieldMessage('modelsUrlEmpty'), fieldMessage('modelsUrlText'))
  .trim()
  .min(1, fieldMessage('modelsUrlEmpty'))
  .max(PROFILE_LIMITS.baseUrlMax, fieldMessage('addressTooLong', { max: PROFILE_LIMITS.baseUrlMax }))
  .superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: fieldMessage(problem) });
  });

/** Use the base address as typed: no /v1 added, no repeated version collapsed (endpoint-resolution.ts). */
export const ExactAddressSchema = z.boolean({ error: fieldMessage('exactAddressYesNo') });

/** A model as vaults written before the plain-text rule may hold it. */
const StoredModelSchema = requiredText(fieldMessage('modelRequired'), fieldMessage('modelText'))
  .trim()
  .min(1, fieldMessage('modelRequired'))
  .max(PROFILE_LIMITS.modelMax, fieldMessage('modelTooLong', { max: PROFILE_LIMITS.modelMax }));

export const ModelSchema = StoredModelSchema.refine(isPlainText, fieldMessage('modelCharacters'));

export const ApiKeySchema = requiredText(fieldMessage('keyRequired'), fieldMessage('keyText'))
  .min(1, fieldMessage('keyEmpty'))
  .max(PROFILE_LIMITS.apiKeyMax, fieldMessage('keyTooLong', { max: PROFILE_LIMITS.apiKeyMax }))
  .regex(/^\S+$/, fieldMessage('keySpaces'))
  // Keys travel in HTTP headers, which carry only visible ASCII; this also makes the 4 KB limit exact in bytes.
  .regex(/^[\x21-\x7e]*$/, fieldMessage('keyCharacters'));

export const TimeoutMsSchema = z
  .number({ error: fieldMessage('timeoutNumber') })
  .int(fieldMessage('timeoutWhole'))
  .min(PROFILE_LIMITS.timeoutMinMs, fieldMessage('timeoutMin', { seconds: PROFILE_LIMITS.timeoutMinMs / 1000 }))
  .max(
    PROFILE_LIMITS.timeoutMaxMs,
    fieldMessage('timeoutMax', { seconds: PROFILE_LIMITS.timeoutMaxMs / 1000, ms: PROFILE_LIMITS.timeoutMaxMs }),
  );

export const LoadTimeoutMsSchema = z
  .number({ error: fieldMessage('loadTimeoutNumber') })
  .int(fieldMessage('loadTimeoutNumber'))
  .min(PROFILE_LIMITS.loadTimeoutMinMs, fieldMessage('loadTimeoutRange', { min: 10, max: 15 }))
  .max(PROFILE_LIMITS.loadTimeoutMaxMs, fieldMessage('loadTimeoutRange', { min: 10, max: 15 }));

export const AzureDeploymentSchema = requiredText(
  fieldMessage('azureDeploymentRequired'),
  fieldMessage('azureDeploymentText'),
)
  .trim()
  .min(1, fieldMessage('azureDeploymentRequired'))
  .max(
    PROFILE_LIMITS.azureDeploymentMax,
    fieldMessage('azureDeploymentTooLong', { max: PROFILE_LIMITS.azureDeploymentMax }),
  )
  .regex(/^[A-Za-z0-9._-]+$/, fieldMessage('azureDeploymentCharacters'));

export const AzureApiVersionSchema = requiredText(
  fieldMessage('azureVersionRequired'),
  fieldMessage('azureVersionText'),
)
  .trim()
  .regex(/^(v1|\d{4}-\d{2}-\d{2}(-preview)?)$/, fieldMessage('azureVersionFormat'));

/** The fields that describe where and how to reach a model: what create sets and update patches. */
export const PROFILE_FIELD_SHAPE = {
  name: ProfileNameSchema,
  kind: ProviderKindSchema,
  preset: PresetSchema.optional(),
  baseUrl: BaseUrlSchema,
  model: ModelSchema,
  azureDeployment: AzureDeploymentSchema.optional(),
  azureApiVersion: AzureApiVersionSchema.optional(),
  /** Stored only when true; a vault without it (older ones) uses the address as resolved. */
  exactAddress: ExactAddressSchema.optional(),
  /** Stored only when set; absent lists models at base + /models (or the preset's documented list). */
  modelsUrl: ModelsUrlSchema.optional(),
  timeoutMs: TimeoutMsSchema.optional(),
  /** How long a model may take to load into memory before the test; absent is the default (5 minutes). */
  loadTimeoutMs: LoadTimeoutMsSchema.optional(),
  /** How to reach the server; stored only when not the system's proxy settings. */
  proxy: ProxyChoiceSchema.optional(),
};

export interface ProfileRuleSubject {
  kind: ProviderKind;
  preset?: Preset | undefined;
  azureDeployment?: string | undefined;
  azureApiVersion?: string | undefined;
  baseUrl?: string | undefined;
  exactAddress?: boolean | undefined;
  modelsUrl?: string | null | undefined;
  hasApiKey: boolean;
}

export interface RuleIssue {
  field: string;
  message: string;
}

/**
 * The exact-address and model-list options: only for kinds whose endpoints are built on the base, and the model
 * list on the base's origin (scheme, host and port), which is where the key and extra headers are bound.
 * Also checks form drafts, which have no other kind rules.
 */
export function addressOptionIssues(
  subject: Pick<ProfileRuleSubject, 'kind' | 'baseUrl' | 'exactAddress' | 'modelsUrl'>,
): RuleIssue[] {
  const { kind, baseUrl, modelsUrl } = subject;
  if (!takesAddressOptions(kind)) {
    return [
      ...(subject.exactAddress ? [{ field: 'exactAddress', message: fieldMessage('exactAddressOnlyOpenAi') }] : []),
      ...(modelsUrl ? [{ field: 'modelsUrl', message: fieldMessage('modelsUrlOnlyOpenAi') }] : []),
    ];
  }
  if (!modelsUrl || baseUrl === undefined) return [];
  const base = endpointOrigin(baseUrl);
  const models = endpointOrigin(modelsUrl);
  if (base === null || models === null || base === models) return [];
  return [{ field: 'modelsUrl', message: fieldMessage('modelsUrlOtherServer', { origin: new URL(baseUrl).origin }) }];
}

/** Rules that depend on the provider kind: checked on create and again on the merged result of an update. */
export function kindRuleIssues(subject: ProfileRuleSubject): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const { kind } = subject;
  if (kind === 'openai-compatible' && !subject.preset) {
    issues.push({ field: 'preset', message: fieldMessage('presetRequired') });
  }
  if (kind !== 'openai-compatible' && subject.preset) {
    issues.push({
      field: 'preset',
      message: fieldMessage('presetOnlyCompatible', { provider: PROVIDERS[kind].label }),
    });
  }
  if (kind === 'azure-openai') {
    if (!subject.azureDeployment)
      issues.push({ field: 'azureDeployment', message: fieldMessage('azureDeploymentRequired') });
    if (!subject.azureApiVersion)
      issues.push({ field: 'azureApiVersion', message: fieldMessage('azureVersionMissing') });
  } else {
    if (subject.azureDeployment)
      issues.push({ field: 'azureDeployment', message: fieldMessage('azureDeploymentOnlyAzure') });
    if (subject.azureApiVersion)
      issues.push({ field: 'azureApiVersion', message: fieldMessage('azureVersionOnlyAzure') });
  }
  issues.push(...addressOptionIssues(subject));
  if (keyRequiredFor(kind, subject.preset) && !subject.hasApiKey) {
    issues.push({
      field: 'apiKey',
      message: fieldMessage('keyNeededBy', { provider: providerLabel(kind, subject.preset) }),
    });
  }
  return issues;
}

export const ProfileCreateInputSchema = z
  .strictObject({
    ...PROFILE_FIELD_SHAPE,
    apiKey: ApiKeySchema.optional(),
    /** Extra headers sent with every request to this profile's server; stored encrypted, never shown back. */
    headers: HeaderListSchema.optional(),
    /** The password of the profile's own proxy (with `proxy.username`); stored encrypted, never shown back. */
    proxyPassword: ProxyPasswordSchema.optional(),
    /** True when the learner has just agreed to send prompts to a remote host. */
    remoteConsent: z.boolean({ error: fieldMessage('consentYesNo') }).optional(),
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
  /** False goes back to the usual resolution. */
  exactAddress: ExactAddressSchema.optional(),
  /** null goes back to the usual model list. */
  modelsUrl: ModelsUrlSchema.nullable().optional(),
  timeoutMs: TimeoutMsSchema.optional(),
  loadTimeoutMs: LoadTimeoutMsSchema.optional(),
  proxy: ProxyChoiceSchema.optional(),
  /** A new key replaces the stored one; null removes it; absent keeps it. */
  apiKey: ApiKeySchema.nullable().optional(),
  /**
   * A list replaces the extra headers (an entry with `keep: true` keeps the value saved under its name); null or
   * an empty list removes them; absent keeps them — unless the address moves to another origin, which drops them.
   */
  headers: HeaderEditListSchema.nullable().optional(),
  /** As for the key: a new one replaces, null removes, absent keeps — unless the proxy moves or goes. */
  proxyPassword: ProxyPasswordSchema.nullable().optional(),
});
export type ProfilePatch = z.input<typeof ProfilePatchSchema>;

export const ProfileUpdateInputSchema = z.strictObject({
  id: ProfileIdSchema,
  expectedRevision: RevisionSchema,
  patch: ProfilePatchSchema,
  remoteConsent: z.boolean({ error: fieldMessage('consentYesNo') }).optional(),
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
  remoteConsent: z.boolean({ error: fieldMessage('consentYesNo') }).optional(),
});
export type ProfileActivateInput = z.input<typeof ProfileActivateInputSchema>;

/**
 * profiles.duplicate: a copy named "… (copy)", never holding consent (a remote copy asks before it is used).
 * The saved key, header values and proxy password go along only when the learner keeps them.
 */
export const ProfileDuplicateInputSchema = z.strictObject({
  id: ProfileIdSchema,
  keepSecrets: z.boolean({ error: fieldMessage('consentYesNo') }).optional(),
});
export type ProfileDuplicateInput = z.input<typeof ProfileDuplicateInputSchema>;

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

/** The learner agreed, at `at`, to send prompts (and the key) to this origin: scheme://host:port. */
export const RemoteConsentSchema = z.object({ at: IsoDateSchema, origin: z.string().regex(/^https?:\/\/.+:\d+$/) });
export type RemoteConsent = z.infer<typeof RemoteConsentSchema>;

/** A profile as the vault keeps it. The API key is not here: it lives encrypted beside the profiles. */
export const StoredProfileSchema = z.object({
  id: ProfileIdSchema,
  ...PROFILE_FIELD_SHAPE,
  name: StoredNameSchema,
  model: StoredModelSchema,
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

/**
 * What the renderer sees. Never the key: only whether there is one and its last four characters. Never a header
 * value: only the names.
 */
export const ProfileViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: ProviderKindSchema,
  preset: PresetSchema.nullable(),
  baseUrl: z.string(),
  model: z.string(),
  azureDeployment: z.string().nullable(),
  azureApiVersion: z.string().nullable(),
  /** The address is used as typed: no /v1 added. */
  exactAddress: z.boolean(),
  /** Where the model list is read from when not the usual place; null when it is. */
  modelsUrl: z.string().nullable(),
  timeoutMs: z.number().int(),
  loadTimeoutMs: z.number().int(),
  /** How the app reaches the server: the system's proxy settings, straight, or one proxy (never a password). */
  proxy: ProxyChoiceSchema,
  /** Whether a password is saved for the profile's proxy (never the password). */
  proxyPasswordSaved: z.boolean(),
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
  /** The names of the extra request headers, in the order they are sent; their values are never shown. */
  headerNames: z.array(z.string()),
  /** The state of the saved header values, like keyStatus (`none` when there are no extra headers). */
  headersStatus: z.enum(KEY_STATUSES),
  lastTest: LastTestSummarySchema.nullable(),
  /** The exact URL a chat or connection test is sent to. */
  resolvedEndpoint: z.string().nullable(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const ProfileListSchema = z.object({
  profiles: z.array(ProfileViewSchema),
  activeProfileId: z.string().nullable(),
  /**
   * The vault revision this list shows: one more with every committed vault write (and when keys locked at
   * start-up become readable). Kept in memory by the running app and starting again at 0 with it, so it only
   * compares lists and change events of one run, which is all a window ever sees.
   */
  revision: z.number().int().nonnegative(),
});
export type ProfileList = z.infer<typeof ProfileListSchema>;
