// StoredProfile + vault state → the view the renderer may see. The only place a view is built, so the
// "no key, only a hint", "header names, never their values" and "a proxy password saved, never it" rules have one implementation to test.
import { endpointHost, isLoopbackHost } from '../../shared/endpoint.js';
import { tryResolveEndpoints } from '../../shared/endpoint-resolution.js';
import { consentCovers } from '../../shared/consent.js';
import { SYSTEM_PROXY } from '../../shared/network.contract.js';
import { DEFAULT_LOAD_TIMEOUT_MS, type ProfileView, type StoredProfile } from '../../shared/profile.contract.js';
import type { HeadersState, KeyState } from '../vault/vault.js';

export function toProfileView(
  profile: StoredProfile,
  activeProfileId: string | null,
  key: KeyState,
  headers: HeadersState,
  proxyPasswordSaved: boolean,
): ProfileView {
  const host = endpointHost(profile.baseUrl) ?? '';
  const local = isLoopbackHost(host);
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    preset: profile.preset ?? null,
    baseUrl: profile.baseUrl,
    model: profile.model,
    azureDeployment: profile.azureDeployment ?? null,
    azureApiVersion: profile.azureApiVersion ?? null,
    exactAddress: profile.exactAddress === true,
    modelsUrl: profile.modelsUrl ?? null,
    timeoutMs: profile.timeoutMs,
    loadTimeoutMs: profile.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
    proxy: profile.proxy ?? SYSTEM_PROXY,
    proxyPasswordSaved,
    revision: profile.revision,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    isActive: profile.id === activeProfileId,
    location: local ? 'local' : 'remote',
    host,
    remoteConsentAt:
      !local && consentCovers(profile.remoteConsent, profile.baseUrl) ? (profile.remoteConsent?.at ?? null) : null,
    hasApiKey: key.status !== 'none',
    apiKeyHint: key.hint,
    keyStatus: key.status,
    headerNames: [...headers.names],
    headersStatus: headers.status,
    lastTest: profile.lastTest,
    resolvedEndpoint: tryResolveEndpoints(profile)?.chat ?? null,
  };
}
