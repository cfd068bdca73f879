// Pure rules for turning a request into the next stored profile: merging a patch, kind-specific
// requirements, unique names, remote consent and which extra headers an edit keeps. No I/O, so every rule is
// testable on its own.
import { consentCovers, consentScope, grantConsent, keyWouldTravelInClear, originLabel } from '../../shared/consent.js';
import { fieldMessage } from '../../shared/errors/field-messages.js';
import {
  DEFAULT_TIMEOUT_MS,
  kindRuleIssues,
  type KeyStatus,
  type ProfilePatch,
  type RuleIssue,
  type RemoteConsent,
  type StoredProfile,
} from '../../shared/profile.contract.js';
import { takesAddressOptions } from '../../shared/address-options.js';
import { sameHeaderName, type HeaderEdit, type RequestHeader } from '../../shared/request-headers.contract.js';
import type { z } from 'zod';
import type { ProfileCreateInputSchema } from '../../shared/profile.contract.js';
import { AppError } from '../errors/app-error.js';
import { normalizeProfileName, type VaultDocument } from '../vault/vault-document.js';

export type CreateInput = z.output<typeof ProfileCreateInputSchema>;

export function assertNameFree(document: VaultDocument, name: string, exceptId?: string): void {
  const wanted = normalizeProfileName(name);
  const clash = document.profiles.find((p) => p.id !== exceptId && normalizeProfileName(p.name) === wanted);
  if (clash) {
    throw new AppError('PROFILE_NAME_TAKEN', {
      params: { name: clash.name },
      fieldErrors: [{ field: 'name', message: fieldMessage('nameTaken', { name: clash.name }) }],
    });
  }
}

export function findProfile(document: VaultDocument, id: string): StoredProfile {
  const profile = document.profiles.find((p) => p.id === id);
  if (!profile) throw new AppError('PROFILE_NOT_FOUND', { params: { id } });
  return profile;
}

/** The refusal of a call that would send to an address the learner has not agreed to. */
export function consentRequired(baseUrl: string): AppError {
  const host = originLabel(consentScope(baseUrl) ?? baseUrl);
  return new AppError('CONSENT_REQUIRED', {
    params: { host },
    fieldErrors: [{ field: 'remoteConsent', message: fieldMessage('consentNeeded', { host }) }],
  });
}

/**
 * Refuses sending (or saving) a key for plain http to a server off this computer: anyone on the network path
 * could read it. There is deliberately no opt-in; the learner uses https, or no key.
 */
export function assertKeyTravelsEncrypted(baseUrl: string, withKey: boolean): void {
  if (!withKey || !keyWouldTravelInClear(baseUrl)) return;
  const host = originLabel(consentScope(baseUrl) ?? baseUrl);
  throw new AppError('PROFILE_KEY_NEEDS_HTTPS', {
    params: { host },
    fieldErrors: [{ field: 'baseUrl', message: fieldMessage('keyNeedsHttps') }],
  });
}

/** Like a key, extra header values (gateway tokens) never travel over plain http to a server off this computer. */
export function assertHeadersTravelEncrypted(baseUrl: string, withHeaders: boolean): void {
  if (!withHeaders || !keyWouldTravelInClear(baseUrl)) return;
  const host = originLabel(consentScope(baseUrl) ?? baseUrl);
  throw new AppError('PROFILE_HEADERS_NEED_HTTPS', {
    params: { host },
    fieldErrors: [{ field: 'baseUrl', message: fieldMessage('headersNeedHttps') }],
  });
}

/** What the vault holds of a profile's headers when an edit is resolved against them. */
export interface SavedHeaders {
  readonly status: KeyStatus;
  readonly names: readonly string[];
  readonly plaintext: readonly RequestHeader[] | null;
}

/**
 * The headers an edit asks for, each kept value filled in from the saved one of that name. A kept value must be
 * saved, readable, and stay with the server it was given for: like a key, it never follows the address elsewhere.
 */
export function editedHeaders(
  edits: readonly HeaderEdit[],
  saved: SavedHeaders,
  originChanged: boolean,
): RequestHeader[] {
  const issues: RuleIssue[] = [];
  const headers: RequestHeader[] = [];
  edits.forEach((edit, index) => {
    if (edit.value !== undefined) {
      headers.push({ name: edit.name, value: edit.value });
      return;
    }
    const field = `headers.${index}.value`;
    const params = { name: edit.name };
    const at = saved.names.findIndex((name) => sameHeaderName(name, edit.name));
    const value = at < 0 ? undefined : saved.plaintext?.[at]?.value;
    if (at < 0) issues.push({ field, message: fieldMessage('headerKeepUnknown', params) });
    else if (originChanged) issues.push({ field, message: fieldMessage('headerOriginChanged', params) });
    else if (value === undefined) issues.push({ field, message: fieldMessage('headerKeepUnreadable', params) });
    else headers.push({ name: edit.name, value });
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { fieldErrors: issues });
  return headers;
}

/** The same headers in the same order, names spelled alike: saving them again would change nothing. */
export function sameHeaders(a: readonly RequestHeader[] | null, b: readonly RequestHeader[]): boolean {
  return a !== null && a.length === b.length && a.every((h, i) => h.name === b[i]!.name && h.value === b[i]!.value);
}

/**
 * Consent needed to reach `baseUrl`: none for loopback (the existing record stays), the existing record if it
 * covers this address, a fresh record if the learner consents now; otherwise CONSENT_REQUIRED.
 */
export function resolveConsent(
  baseUrl: string,
  existing: RemoteConsent | null,
  consentGivenNow: boolean | undefined,
  now: Date,
): RemoteConsent | null {
  if (consentScope(baseUrl) === null) return existing;
  if (consentGivenNow === true) return grantConsent(baseUrl, now);
  if (consentCovers(existing, baseUrl)) return existing;
  throw consentRequired(baseUrl);
}

export function createdProfile(input: CreateInput, id: string, now: Date): StoredProfile {
  const at = now.toISOString();
  return {
    id,
    name: input.name,
    kind: input.kind,
    ...(input.preset !== undefined && { preset: input.preset }),
    baseUrl: input.baseUrl,
    model: input.model,
    ...(input.azureDeployment !== undefined && { azureDeployment: input.azureDeployment }),
    ...(input.azureApiVersion !== undefined && { azureApiVersion: input.azureApiVersion }),
    // Stored only when they change something, so profiles without them look as they did before the options.
    ...(input.exactAddress === true && { exactAddress: true }),
    ...(input.modelsUrl !== undefined && { modelsUrl: input.modelsUrl }),
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(input.loadTimeoutMs !== undefined && { loadTimeoutMs: input.loadTimeoutMs }),
    ...(input.proxy !== undefined && input.proxy.mode !== 'system' && { proxy: input.proxy }),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    remoteConsent: resolveConsent(input.baseUrl, null, input.remoteConsent, now),
    lastTest: null,
  };
}

/** `undefined` keeps, `null` removes, a value replaces; fields that do not fit the resulting kind are dropped. */
function merged<T>(patched: T | null | undefined, current: T | undefined): T | undefined {
  if (patched === null) return undefined;
  return patched === undefined ? current : patched;
}

/** The profile a patch would produce, before consent; throws VALIDATION_FAILED if kind rules break. */
export function patchedProfile(current: StoredProfile, patch: ProfilePatch, hasKeyAfter: boolean): StoredProfile {
  const kind = patch.kind ?? current.kind;
  const keepsPreset = kind === 'openai-compatible' || patch.preset !== undefined;
  const keepsAzure = kind === 'azure-openai';
  const keepsAddressOptions = takesAddressOptions(kind);
  const next: StoredProfile = {
    ...current,
    name: patch.name ?? current.name,
    kind,
    baseUrl: patch.baseUrl ?? current.baseUrl,
    model: patch.model ?? current.model,
    timeoutMs: patch.timeoutMs ?? current.timeoutMs,
    ...(patch.loadTimeoutMs !== undefined && { loadTimeoutMs: patch.loadTimeoutMs }),
  };
  const preset = keepsPreset ? merged(patch.preset, current.preset) : undefined;
  const azureDeployment =
    keepsAzure || patch.azureDeployment ? merged(patch.azureDeployment, current.azureDeployment) : undefined;
  const azureApiVersion =
    keepsAzure || patch.azureApiVersion ? merged(patch.azureApiVersion, current.azureApiVersion) : undefined;
  // false is the default, stored as nothing; like the Azure fields, given for the wrong kind they are refused below.
  const exactAddress =
    keepsAddressOptions || patch.exactAddress ? (patch.exactAddress ?? current.exactAddress) || undefined : undefined;
  const modelsUrl = keepsAddressOptions || patch.modelsUrl ? merged(patch.modelsUrl, current.modelsUrl) : undefined;
  delete next.preset;
  delete next.azureDeployment;
  delete next.azureApiVersion;
  delete next.exactAddress;
  delete next.modelsUrl;
  if (preset !== undefined) next.preset = preset;
  if (azureDeployment !== undefined) next.azureDeployment = azureDeployment;
  if (azureApiVersion !== undefined) next.azureApiVersion = azureApiVersion;
  if (exactAddress !== undefined) next.exactAddress = exactAddress;
  if (modelsUrl !== undefined) next.modelsUrl = modelsUrl;
  // The system's proxy settings are the default, stored as nothing.
  if (patch.proxy !== undefined) {
    delete next.proxy;
    if (patch.proxy.mode !== 'system') next.proxy = patch.proxy;
  }

  const issues = kindRuleIssues({
    kind,
    preset,
    azureDeployment,
    azureApiVersion,
    baseUrl: next.baseUrl,
    exactAddress,
    modelsUrl,
    hasApiKey: hasKeyAfter,
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { fieldErrors: issues });
  return next;
}

const CONTENT_FIELDS = [
  'name',
  'kind',
  'preset',
  'baseUrl',
  'model',
  'azureDeployment',
  'azureApiVersion',
  'exactAddress',
  'modelsUrl',
  'timeoutMs',
  'loadTimeoutMs',
] as const;

export function sameContent(a: StoredProfile, b: StoredProfile): boolean {
  return (
    CONTENT_FIELDS.every((field) => a[field] === b[field]) &&
    JSON.stringify(a.proxy ?? null) === JSON.stringify(b.proxy ?? null) &&
    sameConsent(a.remoteConsent, b.remoteConsent)
  );
}

function sameConsent(a: RemoteConsent | null, b: RemoteConsent | null): boolean {
  return a === b || (a !== null && b !== null && a.at === b.at && a.origin === b.origin);
}
