// Everything needed to call one model server: where, which model, how to authenticate, how long to wait.
// Built from a saved profile (with its decrypted key) or from a form draft; never sent to the renderer.
import type { EndpointTarget } from '../../shared/endpoint-resolution.js';

export interface ProviderTarget extends EndpointTarget {
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  /** For an origin off this computer: the consent the call relies on (kept for the audit line). */
  readonly remoteConsent?: {
    /** scheme://host:port */
    readonly origin: string;
    readonly basis: 'stored' | 'given-in-form';
    readonly at: string | null;
  } | null;
}
