// The one consent rule, shared by the core (which enforces it) and the form (which asks for it): sending to an
// address off this computer needs the learner's recorded consent for where it goes. A consent record names the
// scope it was given for, and it never carries over to another scope.
import { endpointHost, isLoopbackHost } from './endpoint.js';
import type { RemoteConsent } from './profile.contract.js';

/** What consent for `baseUrl` is given for (its host), or null when none is needed: it is on this computer. */
export function consentScope(baseUrl: string): string | null {
  const host = endpointHost(baseUrl.trim());
  if (host !== null && isLoopbackHost(host)) return null;
  return host ?? baseUrl;
}

/** Whether sending to `baseUrl` is allowed by `consent` (always, for an address on this computer). */
export function consentCovers(consent: RemoteConsent | null, baseUrl: string): boolean {
  const scope = consentScope(baseUrl);
  return scope === null || (consent !== null && consent.host === scope);
}

/** The record of consent the learner gives, now, for `baseUrl`. */
export function grantConsent(baseUrl: string, now: Date): RemoteConsent {
  return { at: now.toISOString(), host: consentScope(baseUrl) ?? baseUrl };
}
