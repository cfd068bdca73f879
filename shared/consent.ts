// The one consent rule, shared by the core (which enforces it) and the form (which asks for it): sending anything
// to an address off this computer needs the learner's recorded consent for that origin — scheme, host and port,
// as keys are bound to it. Consent never carries over to another origin: https → http, another port or another
// host each ask again.
import { endpointHost, isLoopbackHost } from './endpoint.js';
import { endpointOrigin } from './origin.js';
import type { RemoteConsent } from './profile.contract.js';

/** The origin consent for `baseUrl` is given for, or null when none is needed: it is on this computer. */
export function consentScope(baseUrl: string): string | null {
  const host = endpointHost(baseUrl.trim());
  if (host !== null && isLoopbackHost(host)) return null;
  return endpointOrigin(baseUrl) ?? baseUrl;
}

/** Whether sending to `baseUrl` is allowed by `consent` (always, for an address on this computer). */
export function consentCovers(consent: RemoteConsent | null, baseUrl: string): boolean {
  const scope = consentScope(baseUrl);
  return scope === null || (consent !== null && consent.origin === scope);
}

/** The record of consent the learner gives, now, for `baseUrl`. */
export function grantConsent(baseUrl: string, now: Date): RemoteConsent {
  return { at: now.toISOString(), origin: consentScope(baseUrl) ?? baseUrl };
}

/** An origin the way a learner reads it: the host alone for https on its usual port, else scheme, host and port. */
export function originLabel(origin: string): string {
  const match = /^(https?):\/\/(.+):(\d+)$/.exec(origin);
  if (!match) return origin;
  const [, scheme, host, port] = match;
  if (scheme === 'https' && port === '443') return host!;
  return scheme === 'http' && port === '80' ? `http://${host}` : `${scheme}://${host}:${port}`;
}

/** Where consent for `baseUrl` would send prompts, as the learner reads it; null when on this computer. */
export function consentLabel(baseUrl: string): string | null {
  const scope = consentScope(baseUrl);
  return scope === null ? null : originLabel(scope);
}

/** Whether a key would travel unencrypted to a server off this computer (plain http to a remote host). */
export function keyWouldTravelInClear(baseUrl: string): boolean {
  return consentScope(baseUrl)?.startsWith('http:') ?? false;
}
