// Everything needed to call one model server: where (the address and, for OpenAI kinds, whether it is used as
// typed and where the model list is), which model, how to authenticate, which extra headers, how long to wait.
// Built from a saved profile (with its decrypted key and header values) or from a form draft; never sent to the
// renderer.
import type { ProxyRoute } from '../../shared/network.contract.js';
import type { EndpointTarget } from '../../shared/endpoint-resolution.js';
import type { RequestHeader } from '../../shared/request-headers.contract.js';

export interface ProviderTarget extends EndpointTarget {
  readonly apiKey: string | null;
  /** The learner's extra headers, for requests to the origin of `baseUrl` only (wire.ts adds them). */
  readonly extraHeaders?: readonly RequestHeader[];
  readonly timeoutMs: number;
  /**
   * The way to the server (absent: the system's proxy settings), a proxy of its own with its decrypted password.
   * Discovery always goes straight to loopback.
   */
  readonly proxy?: ProxyRoute;
  /** How long loading the model into memory may take before the test (local servers that can tell). */
  readonly loadTimeoutMs?: number;
  /** For an origin off this computer: the consent the call relies on (kept for the audit line). */
  readonly remoteConsent?: {
    /** scheme://host:port */
    readonly origin: string;
    readonly basis: 'stored' | 'given-in-form';
    readonly at: string | null;
  } | null;
}
