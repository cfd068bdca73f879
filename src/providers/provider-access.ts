// The gate in front of every provider call: the profile must exist, a remote origin needs the learner's
// stored consent for that very origin, a key or header values never travel unencrypted off this computer, and
// the saved ones must be readable. Produces the ProviderTarget to call.
import { consentCovers, consentScope } from '../../shared/consent.js';
import { endpointOrigin } from '../../shared/origin.js';
import type { ModelsDraft } from '../../shared/models.contract.js';
import type { ProxyChoice, ProxyRoute } from '../../shared/network.contract.js';
import {
  DEFAULT_LOAD_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  PROFILE_LIMITS,
  type StoredProfile,
} from '../../shared/profile.contract.js';
import type { Logger } from '../ports/logger.port.js';
import type { HeaderEdit, RequestHeader } from '../../shared/request-headers.contract.js';
import { sameHeaderName } from '../../shared/request-headers.contract.js';
import { assertHeadersTravelEncrypted, assertKeyTravelsEncrypted, consentRequired } from '../profiles/profile-rules.js';
import type { ProfileService } from '../profiles/profile.service.js';
import type { ProviderTarget } from './provider-target.js';

function assertConsent(baseUrl: string, consentGiven: boolean): void {
  if (consentScope(baseUrl) !== null && !consentGiven) throw consentRequired(baseUrl);
}

/**
 * One audit line per request that leaves this computer, naming the origin (scheme, host and port apart, so a
 * reader can see at a glance whether it was encrypted) and the consent it relies on.
 */
export function noteRemoteUse(logger: Logger, target: ProviderTarget, purpose: 'test' | 'models' | 'chat'): void {
  const consent = target.remoteConsent;
  if (!consent) return;
  const url = new URL(consent.origin);
  logger.log('info', 'provider.remote_request', {
    purpose,
    origin: consent.origin,
    scheme: url.protocol.slice(0, -1),
    host: url.hostname,
    port: Number(consent.origin.slice(consent.origin.lastIndexOf(':') + 1)),
    withKey: target.apiKey !== null,
    extraHeaders: (target.extraHeaders ?? []).map((h) => h.name),
    consent: consent.basis,
    consentAt: consent.at,
  });
}

function remoteConsentOf(
  baseUrl: string,
  basis: 'stored' | 'given-in-form',
  at: string | null,
): ProviderTarget['remoteConsent'] {
  const origin = consentScope(baseUrl);
  return origin === null ? null : { origin, basis, at };
}

export function targetForProfile(
  profiles: ProfileService,
  profileId: string,
): { profile: StoredProfile; target: ProviderTarget } {
  const profile = profiles.storedProfile(profileId);
  assertConsent(profile.baseUrl, consentCovers(profile.remoteConsent, profile.baseUrl));
  const apiKey = profiles.apiKeyFor(profile.id);
  assertKeyTravelsEncrypted(profile.baseUrl, apiKey !== null);
  const extraHeaders = profiles.headersFor(profile.id);
  assertHeadersTravelEncrypted(profile.baseUrl, extraHeaders.length > 0);
  return {
    profile,
    target: {
      kind: profile.kind,
      preset: profile.preset,
      baseUrl: profile.baseUrl,
      model: profile.model,
      azureDeployment: profile.azureDeployment,
      azureApiVersion: profile.azureApiVersion,
      exactAddress: profile.exactAddress,
      modelsUrl: profile.modelsUrl,
      apiKey,
      extraHeaders,
      timeoutMs: Math.min(profile.timeoutMs, PROFILE_LIMITS.timeoutMaxMs),
      loadTimeoutMs: Math.min(profile.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS, PROFILE_LIMITS.loadTimeoutMaxMs),
      ...(profile.proxy && { proxy: proxyRoute(profile.proxy, profiles.proxyPasswordFor(profile.id)) }),
      remoteConsent: remoteConsentOf(profile.baseUrl, 'stored', profile.remoteConsent?.at ?? null),
    },
  };
}

/** A proxy choice with the password its user signs in with (only a fixed proxy with a user has one). */
function proxyRoute(choice: ProxyChoice, password: string | null): ProxyRoute {
  return choice.mode === 'fixed' && choice.username !== undefined && password !== null
    ? { ...choice, password }
    : choice;
}

/**
 * The draft's proxy password: the one typed, or the saved one while the draft names the same proxy (scheme, host,
 * port) and user — a password is never carried to a proxy it was not given for.
 */
function draftProxyPassword(profiles: ProfileService, draft: ModelsDraft, saved: StoredProfile | null): string | null {
  if (draft.proxyPassword !== undefined) return draft.proxyPassword;
  const mine = draft.proxy;
  const theirs = saved?.proxy;
  if (saved === null || mine?.mode !== 'fixed' || theirs?.mode !== 'fixed') return null;
  const same =
    mine.username !== undefined &&
    mine.username.trim() === theirs.username &&
    endpointOrigin(mine.url) === endpointOrigin(theirs.url);
  return same ? profiles.proxyPasswordFor(saved.id) : null;
}

/**
 * The draft's extra headers: those it names with their values, a kept one borrowed from the saved profile, and
 * every saved one when the draft names none — borrowed only from the same server, like the key.
 */
function draftHeaders(
  profiles: ProfileService,
  edits: readonly HeaderEdit[] | undefined,
  saved: StoredProfile | null,
  sameServer: boolean,
): readonly RequestHeader[] {
  const borrowable = saved !== null && sameServer ? profiles.headersFor(saved.id) : [];
  if (edits === undefined) return borrowable;
  return edits.flatMap((edit): RequestHeader[] => {
    if (edit.value !== undefined) return [{ name: edit.name, value: edit.value }];
    const kept = borrowable.find((h) => sameHeaderName(h.name, edit.name));
    return kept ? [{ name: edit.name, value: kept.value }] : [];
  });
}

/**
 * A form draft. It may borrow the saved key, extra headers (and stored consent) of the profile being edited, but
 * only while the draft still points at the same server (scheme, host, port) and provider kind: a secret is never
 * carried to a server the learner has not given it to.
 */
export function targetForDraft(
  profiles: ProfileService,
  draft: ModelsDraft,
  profileId: string | undefined,
): ProviderTarget {
  const saved = profileId === undefined ? null : profiles.storedProfile(profileId);
  const sameServer =
    saved !== null && saved.kind === draft.kind && endpointOrigin(saved.baseUrl) === endpointOrigin(draft.baseUrl);
  const storedConsent = saved !== null && consentCovers(saved.remoteConsent, draft.baseUrl);
  assertConsent(draft.baseUrl, draft.remoteConsent === true || storedConsent);
  const apiKey = draft.apiKey ?? (saved && sameServer ? profiles.apiKeyFor(saved.id) : null);
  assertKeyTravelsEncrypted(draft.baseUrl, apiKey !== null);
  const extraHeaders = draftHeaders(profiles, draft.headers, saved, sameServer);
  assertHeadersTravelEncrypted(draft.baseUrl, extraHeaders.length > 0);
  return {
    kind: draft.kind,
    preset: draft.preset ?? undefined,
    baseUrl: draft.baseUrl,
    model: '',
    azureDeployment: draft.azureDeployment ?? undefined,
    azureApiVersion: draft.azureApiVersion ?? undefined,
    exactAddress: draft.exactAddress,
    modelsUrl: draft.modelsUrl ?? undefined,
    apiKey,
    extraHeaders,
    timeoutMs: draft.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(draft.proxy && { proxy: proxyRoute(draft.proxy, draftProxyPassword(profiles, draft, saved)) }),
    // Consent ticked in the form is not stored until the profile is saved, so the audit line says where it came from.
    remoteConsent: storedConsent
      ? remoteConsentOf(draft.baseUrl, 'stored', saved.remoteConsent?.at ?? null)
      : remoteConsentOf(draft.baseUrl, 'given-in-form', null),
  };
}
