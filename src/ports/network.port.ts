// How the core reaches model servers. One fetch that never follows redirects (a custom key header would go
// along to wherever the redirect points) and a bare TCP check for discovery. Tests wrap it to prove that
// discovery touches only loopback.

import type { ProxyRoute } from '../../shared/network.contract.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'HEAD';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  /** Which way to the server: the system's proxy settings (the default), straight there, or one named proxy. */
  readonly proxy?: ProxyRoute;
}

export interface Network {
  /** Like fetch, but a 3xx comes back as the response itself instead of being followed. */
  fetch(url: string, request: HttpRequest): Promise<Response>;
  /** Whether something accepts TCP connections at host:port (a literal IP) before the signal aborts. */
  canConnect(host: string, port: number, signal: AbortSignal): Promise<boolean>;
}
