// The profile form's state and its translation into create/update inputs. Plain functions so the rules
// (what a patch contains, when consent is asked, which defaults a provider fills in, which extra headers are
// kept, replaced or removed) are testable alone.
import { consentLabel, consentScope } from '../../../shared/consent.js';
import { endpointOrigin } from '../../../shared/origin.js';
import { takesAddressOptions } from '../../../shared/address-options.js';
import { tryResolveEndpoints, type EndpointTarget } from '../../../shared/endpoint-resolution.js';
import type { ModelsDraft, TestDraft } from '../../../shared/models.contract.js';
import type { ProxyChoice, ProxyMode } from '../../../shared/network.contract.js';
import type { ProfileCreateInput, ProfilePatch, ProfileView } from '../../../shared/profile.contract.js';
import {
  addressOptionIssues,
  DEFAULT_LOAD_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  ModelsUrlSchema,
} from '../../../shared/profile.contract.js';
import { sameHeaderName, type HeaderEdit } from '../../../shared/request-headers.contract.js';
import {
  defaultBaseUrl,
  keyRequiredFor,
  loadsModelsOnRequest,
  PRESETS,
  type Preset,
  type ProviderKind,
} from '../../../shared/provider.contract.js';

export type KeyAction = 'keep' | 'replace' | 'remove';

/** One row of the extra headers. A saved header's value is never in the form: left empty, it is kept. */
export interface HeaderRow {
  /** Identifies the row while rows come and go (React's key). */
  readonly key: string;
  readonly name: string;
  readonly value: string;
  /** The saved header this row showed when the form opened, or null for a row the learner added. */
  readonly savedName: string | null;
}

export interface FormValues {
  kind: ProviderKind;
  preset: Preset | '';
  name: string;
  baseUrl: string;
  model: string;
  azureDeployment: string;
  azureApiVersion: string;
  /** OpenAI kinds only (kept, unsent, while another kind is chosen): the address as typed, no /v1 added. */
  exactAddress: boolean;
  /** OpenAI kinds only: the model list's own full address; empty for the usual one. */
  modelsUrl: string;
  timeoutSeconds: string;
  /** Servers that load models on request only (Ollama, LM Studio): how long a load may take. */
  loadMinutes: string;
  /** How the server is reached: the system's proxy settings, no proxy, or the proxy in proxyUrl. */
  proxyMode: ProxyMode;
  /** Kept while another mode is chosen, so switching back does not lose what was typed. */
  proxyUrl: string;
  /** The user the proxy signs in as; empty for a proxy that does not ask. */
  proxyUsername: string;
  /** A new proxy password; empty keeps the saved one (if any). Never filled from the profile. */
  proxyPassword: string;
  /** The learner asked to remove the saved proxy password. */
  removeProxyPassword: boolean;
  apiKey: string;
  keyAction: KeyAction;
  headers: HeaderRow[];
  /** The origin the consent box was ticked for: consent never carries over to another scheme, host or port. */
  consentOrigin: string | null;
}

export interface Suggestion {
  readonly kind: ProviderKind;
  readonly preset: Preset | null;
  readonly baseUrl: string;
  readonly model: string | null;
  readonly name: string;
}

export function emptyValues(suggestion?: Suggestion): FormValues {
  const kind = suggestion?.kind ?? 'ollama';
  const preset = suggestion?.preset ?? '';
  return {
    kind,
    preset,
    name: suggestion?.name ?? '',
    baseUrl: suggestion?.baseUrl ?? defaultBaseUrl(kind, preset || null),
    model: suggestion?.model ?? '',
    azureDeployment: '',
    azureApiVersion: '2024-10-21',
    exactAddress: false,
    modelsUrl: '',
    timeoutSeconds: String(DEFAULT_TIMEOUT_MS / 1000),
    loadMinutes: String(DEFAULT_LOAD_TIMEOUT_MS / 60_000),
    proxyMode: 'system',
    proxyUrl: '',
    proxyUsername: '',
    proxyPassword: '',
    removeProxyPassword: false,
    apiKey: '',
    keyAction: 'replace',
    headers: [],
    consentOrigin: null,
  };
}

export function valuesFromProfile(profile: ProfileView): FormValues {
  return {
    kind: profile.kind,
    preset: profile.preset ?? '',
    name: profile.name,
    baseUrl: profile.baseUrl,
    model: profile.model,
    azureDeployment: profile.azureDeployment ?? '',
    azureApiVersion: profile.azureApiVersion ?? '2024-10-21',
    exactAddress: profile.exactAddress,
    modelsUrl: profile.modelsUrl ?? '',
    timeoutSeconds: String(profile.timeoutMs / 1000),
    loadMinutes: String(profile.loadTimeoutMs / 60_000),
    proxyMode: profile.proxy.mode,
    proxyUrl: profile.proxy.mode === 'fixed' ? profile.proxy.url : '',
    proxyUsername: profile.proxy.mode === 'fixed' ? (profile.proxy.username ?? '') : '',
    proxyPassword: '',
    removeProxyPassword: false,
    apiKey: '',
    keyAction: profile.hasApiKey ? 'keep' : 'replace',
    headers: profile.headerNames.map((name, i) => ({ key: `saved-${i}`, name, value: '', savedName: name })),
    consentOrigin: profile.remoteConsentAt !== null ? consentScope(profile.baseUrl) : null,
  };
}

/** Changing provider or preset replaces the address only if the learner had not typed their own. */
export function withProvider(values: FormValues, kind: ProviderKind, preset: Preset | ''): FormValues {
  const previousDefault = defaultBaseUrl(values.kind, values.preset || null);
  const untouched = values.baseUrl.trim() === '' || values.baseUrl === previousDefault;
  const nextPreset = kind === 'openai-compatible' ? preset || 'lmstudio' : '';
  return {
    ...values,
    kind,
    preset: nextPreset,
    baseUrl: untouched ? defaultBaseUrl(kind, nextPreset || null) : values.baseUrl,
  };
}

/** Where the form currently points, for consent: the origin (null on this computer) and how to name it. */
export function consentTarget(values: FormValues): { origin: string; label: string } | null {
  const origin = consentScope(values.baseUrl);
  return origin === null ? null : { origin, label: consentLabel(values.baseUrl) ?? origin };
}

/** Whether the learner has agreed to send to the origin the form currently points at. */
export function consentGiven(values: FormValues): boolean {
  const target = consentTarget(values);
  return target !== null && values.consentOrigin === target.origin;
}

/** The saved key belongs to the profile's server; pointing the form elsewhere means deciding about it again. */
export function keyOriginChanged(values: FormValues, profile: ProfileView | null): boolean {
  return profile !== null && profile.hasApiKey && endpointOrigin(values.baseUrl) !== endpointOrigin(profile.baseUrl);
}

/** The saved header values belong to the profile's server too: pointing elsewhere means entering them again. */
export function headersOriginChanged(values: FormValues, profile: ProfileView | null): boolean {
  return (
    profile !== null &&
    profile.headerNames.length > 0 &&
    endpointOrigin(values.baseUrl) !== endpointOrigin(profile.baseUrl)
  );
}

let rowCount = 0;

export function withHeaderAdded(values: FormValues): FormValues {
  rowCount += 1;
  return { ...values, headers: [...values.headers, { key: `new-${rowCount}`, name: '', value: '', savedName: null }] };
}

export function withHeaderRemoved(values: FormValues, key: string): FormValues {
  return { ...values, headers: values.headers.filter((row) => row.key !== key) };
}

export function withHeaderChanged(
  values: FormValues,
  key: string,
  change: Partial<Pick<HeaderRow, 'name' | 'value'>>,
): FormValues {
  return { ...values, headers: values.headers.map((row) => (row.key === key ? { ...row, ...change } : row)) };
}

/** Whether a row keeps its saved value: it began as a saved header, still has its name, and no new value. */
function keepsSaved(row: HeaderRow): boolean {
  return row.savedName !== null && row.value === '' && sameHeaderName(row.name.trim(), row.savedName);
}

/** Every row as the list an update sends, in order (so a field error's index is the row's). */
function headerEdits(values: FormValues): HeaderEdit[] {
  return values.headers.map((row) =>
    keepsSaved(row) ? { name: row.name.trim(), keep: true } : { name: row.name, value: row.value },
  );
}

/**
 * The headers of a model-list draft: rows that are complete enough to send (the form is not saved, so a half-typed
 * row is left out rather than refused). Absent when the form has none and the profile had none to borrow.
 */
export function draftHeaders(values: FormValues, profile: ProfileView | null): HeaderEdit[] | undefined {
  const rows = values.headers.filter((row) => row.name.trim() !== '' && (row.value !== '' || keepsSaved(row)));
  if (rows.length === 0 && (profile?.headerNames.length ?? 0) === 0) return undefined;
  return rows.map((row) =>
    keepsSaved(row) ? { name: row.name.trim(), keep: true } : { name: row.name, value: row.value },
  );
}

/** The address options as the form would save them: set ones only, and only for the kinds they apply to. */
function addressOptions(values: FormValues): { exactAddress?: true; modelsUrl?: string } {
  if (!takesAddressOptions(values.kind)) return {};
  const modelsUrl = values.modelsUrl.trim();
  return { ...(values.exactAddress && { exactAddress: true }), ...(modelsUrl !== '' && { modelsUrl }) };
}

function endpointTarget(values: FormValues): EndpointTarget {
  return {
    kind: values.kind,
    preset: values.kind === 'openai-compatible' ? values.preset || null : null,
    baseUrl: values.baseUrl.trim(),
    model: values.model.trim() || 'MODEL',
    azureDeployment: values.azureDeployment.trim() || null,
    azureApiVersion: values.azureApiVersion.trim() || null,
    exactAddress: addressOptions(values).exactAddress ?? false,
  };
}

export interface RequestPreview {
  /** Where a chat and the connection test go. */
  readonly chat: string;
  /** Where "Load models" reads the list from; null while the model list address is not one that can be used. */
  readonly models: string | null;
  /** Why the model list address cannot be used yet, in the words its field error would use. */
  readonly modelsProblem: string | null;
}

/** The exact URLs the form's values will call, as the core resolves them; null until the address is a URL. */
export function requestPreview(values: FormValues): RequestPreview | null {
  const target = endpointTarget(values);
  const usual = tryResolveEndpoints(target);
  if (usual === null) return null;
  const { modelsUrl } = addressOptions(values);
  if (modelsUrl === undefined) return { chat: usual.chat, models: usual.models, modelsProblem: null };
  const parsed = ModelsUrlSchema.safeParse(modelsUrl);
  const problem = parsed.success
    ? addressOptionIssues({ kind: values.kind, baseUrl: target.baseUrl, modelsUrl })[0]?.message
    : parsed.error.issues[0]?.message;
  const models = problem === undefined ? (tryResolveEndpoints({ ...target, modelsUrl })?.models ?? null) : null;
  return { chat: usual.chat, models, modelsProblem: problem ?? null };
}

/** What "Load models" sends: the form's unsaved values, with the profile being edited to borrow its key from. */
export function modelsDraft(values: FormValues, profile: ProfileView | null): ModelsDraft {
  const headers = draftHeaders(values, profile);
  return {
    kind: values.kind,
    preset: values.kind === 'openai-compatible' ? values.preset || null : null,
    baseUrl: values.baseUrl.trim(),
    ...(values.kind === 'azure-openai' && {
      azureDeployment: values.azureDeployment || null,
      azureApiVersion: values.azureApiVersion || null,
    }),
    ...addressOptions(values),
    ...proxyField(values),
    ...(values.apiKey !== '' && { apiKey: values.apiKey }),
    ...(headers && { headers }),
    ...(consentGiven(values) && { remoteConsent: true }),
  };
}

/** What "Check connection" tests: the models draft with the model and the form's limits, where they are numbers. */
export function testDraft(values: FormValues, profile: ProfileView | null): TestDraft {
  const limit = timeoutMs(values);
  const load = loadTimeoutMs(values);
  return {
    ...modelsDraft(values, profile),
    model: values.model.trim(),
    ...(Number.isFinite(limit) && { timeoutMs: limit }),
    ...(loadsOnRequest(values) && Number.isFinite(load) && { loadTimeoutMs: load }),
  };
}

/** The form's way to the server as a profile stores it. */
export function proxyChoice(values: FormValues): ProxyChoice {
  if (values.proxyMode !== 'fixed') return { mode: values.proxyMode };
  const username = values.proxyUsername.trim();
  return { mode: 'fixed', url: values.proxyUrl.trim(), ...(username !== '' && { username }) };
}

/** A new proxy password goes with a proxy of the profile's own only. */
function newProxyPassword(values: FormValues): string | null {
  return values.proxyMode === 'fixed' && values.proxyPassword !== '' ? values.proxyPassword : null;
}

/**
 * Sent only when it is not the default, so a profile that never chose one stays without the field; a typed proxy
 * password goes with it.
 */
function proxyField(values: FormValues): { proxy?: ProxyChoice; proxyPassword?: string } {
  if (values.proxyMode === 'system') return {};
  const password = newProxyPassword(values);
  return { proxy: proxyChoice(values), ...(password !== null && { proxyPassword: password }) };
}

function timeoutMs(values: FormValues): number {
  const seconds = Number(values.timeoutSeconds.replace(',', '.'));
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN;
}

/** Whether the profile's server loads models on request, so a load limit applies to it. */
export const loadsOnRequest = loadsModelsOnRequest;

function loadTimeoutMs(values: FormValues): number {
  const minutes = Number(values.loadMinutes.replace(',', '.'));
  return Number.isFinite(minutes) ? Math.round(minutes * 60_000) : Number.NaN;
}

const isAzure = (v: FormValues) => v.kind === 'azure-openai';

export function createInput(values: FormValues): ProfileCreateInput {
  return {
    name: values.name,
    kind: values.kind,
    ...(values.kind === 'openai-compatible' && values.preset && { preset: values.preset }),
    baseUrl: values.baseUrl,
    model: values.model,
    ...(isAzure(values) && { azureDeployment: values.azureDeployment, azureApiVersion: values.azureApiVersion }),
    ...addressOptions(values),
    timeoutMs: timeoutMs(values),
    ...(loadsOnRequest(values) && { loadTimeoutMs: loadTimeoutMs(values) }),
    ...proxyField(values),
    ...(values.apiKey !== '' && { apiKey: values.apiKey }),
    ...(values.headers.length > 0 && { headers: values.headers.map((r) => ({ name: r.name, value: r.value })) }),
    ...(consentGiven(values) && { remoteConsent: true }),
  };
}

/** Consent is sent with an update when given for an origin the profile has no consent for yet. */
export function updateConsent(values: FormValues, profile: ProfileView): boolean {
  return (
    consentGiven(values) &&
    (profile.remoteConsentAt === null || consentScope(profile.baseUrl) !== consentScope(values.baseUrl))
  );
}

/**
 * Only what changed goes into the patch; an untouched key and untouched headers are kept. When the address moved
 * to another server the headers are always sent, so a value kept for the old server is refused rather than lost.
 */
export function updatePatch(values: FormValues, profile: ProfileView): ProfilePatch {
  const patch: ProfilePatch = {};
  if (values.name !== profile.name) patch.name = values.name;
  if (values.kind !== profile.kind) patch.kind = values.kind;
  const preset = values.kind === 'openai-compatible' ? values.preset || null : null;
  if (preset !== profile.preset) patch.preset = preset;
  if (values.baseUrl !== profile.baseUrl) patch.baseUrl = values.baseUrl;
  if (values.model !== profile.model) patch.model = values.model;
  const deployment = isAzure(values) ? values.azureDeployment : null;
  if (deployment !== profile.azureDeployment) patch.azureDeployment = deployment;
  const version = isAzure(values) ? values.azureApiVersion : null;
  if (version !== profile.azureApiVersion) patch.azureApiVersion = version;
  const options = addressOptions(values);
  const exactAddress = options.exactAddress ?? false;
  if (exactAddress !== profile.exactAddress) patch.exactAddress = exactAddress;
  const modelsUrl = options.modelsUrl ?? null;
  if (modelsUrl !== profile.modelsUrl) patch.modelsUrl = modelsUrl;
  const ms = timeoutMs(values);
  if (ms !== profile.timeoutMs) patch.timeoutMs = ms;
  const loadMs = loadTimeoutMs(values);
  if (loadsOnRequest(values) && loadMs !== profile.loadTimeoutMs) patch.loadTimeoutMs = loadMs;
  const proxy = proxyChoice(values);
  if (JSON.stringify(proxy) !== JSON.stringify(profile.proxy)) patch.proxy = proxy;
  const password = newProxyPassword(values);
  if (password !== null) patch.proxyPassword = password;
  else if (values.removeProxyPassword && profile.proxyPasswordSaved) patch.proxyPassword = null;
  if (values.keyAction === 'remove' && profile.hasApiKey) patch.apiKey = null;
  if (values.keyAction === 'replace' && values.apiKey !== '') patch.apiKey = values.apiKey;
  const edits = headerEdits(values);
  const untouched =
    edits.length === profile.headerNames.length &&
    edits.every((edit, i) => edit.keep === true && edit.name === profile.headerNames[i]);
  if (edits.length === 0) {
    if (profile.headerNames.length > 0) patch.headers = null;
  } else if (!untouched || headersOriginChanged(values, profile)) patch.headers = edits;
  return patch;
}

export function keyExpected(values: FormValues): 'required' | 'optional' | 'none' {
  // Ollama has no keys of its own (a key in front of it would come from a proxy the learner set up).
  if (values.kind === 'ollama') return 'none';
  if (keyRequiredFor(values.kind, values.kind === 'openai-compatible' ? values.preset || null : null))
    return 'required';
  if (values.kind === 'openai-compatible' && values.preset) return PRESETS[values.preset].keyUsually;
  return 'optional';
}

/** A field the form can open on (a fix names the one to change); its control has the id `field-<name>`. */
export type FormFocus = 'apiKey' | 'model' | 'baseUrl' | 'timeoutMs' | 'loadTimeoutMs' | 'proxy';
