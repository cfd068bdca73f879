// The Network port in the desktop app: Chromium's network, as the learner's browser uses it — the system's proxy
// settings (PAC files included) and the operating system's certificate store, so a school's inspecting firewall
// whose certificate IT installed is trusted here too. Requests go through Electron's `fetch` on sessions of their
// own, in memory only (a partition without "persist:", cache off), sending and keeping no cookies; one session per
// way to the server (system, direct, each named proxy), made once. Redirects are returned, never followed; the
// core caps the body and the signal aborts. Chromium's "net::ERR_…" failures get the errno-like codes the core reads.
import { connect } from 'node:net';
import type { ProxyChoice } from '../../shared/network.contract.js';
import type { HttpRequest, Network } from '../../src/index.js';

export const NETWORK_PARTITION = 'llm-profiles-network';

/** What the adapter needs of a session (Electron's Session has all of it). */
interface NetSession {
  setProxy(config: {
    mode: 'system' | 'direct' | 'fixed_servers';
    proxyRules?: string;
    proxyBypassRules?: string;
  }): Promise<void>;
  fetch(url: string, init: RequestInit): Promise<Response>;
}

export interface SessionFactory {
  fromPartition(partition: string, options: { cache: boolean }): NetSession;
}

/** Chromium's network error names → the codes provider-errors.ts reads from Node. Certificate ones stay as they are. */
const CHROMIUM_CODES: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_TIMED_OUT: 'ETIMEDOUT',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
};

/** The error with a `code` the core understands, keeping the original as its cause. */
export function withErrno(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const name = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
  if (!name) return error;
  return Object.assign(new Error(message, { cause: error }), { code: CHROMIUM_CODES[name] ?? name });
}

function routeKey(proxy: ProxyChoice): string {
  return proxy.mode === 'fixed' ? `fixed ${proxy.url}` : proxy.mode;
}

/**
 * Chromium's proxy settings for a choice. A named proxy is given as scheme://host:port (Chromium's rule syntax has
 * no path), and `<-loopback>` takes back Chromium's own exception for loopback addresses: a learner who names a
 * proxy for a profile gets it for that profile's server wherever it is, as with the Node adapter.
 */
function proxyConfig(proxy: ProxyChoice): Parameters<NetSession['setProxy']>[0] {
  if (proxy.mode !== 'fixed') return { mode: proxy.mode };
  const url = new URL(proxy.url);
  return { mode: 'fixed_servers', proxyRules: `${url.protocol}//${url.host}`, proxyBypassRules: '<-loopback>' };
}

function canConnect(host: string, port: number, signal: AbortSignal): Promise<boolean> {
  // Discovery's loopback check: no proxy applies to 127.0.0.1 / ::1, so a plain socket is the honest test.
  return new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    const socket = connect({ host, port, noDelay: true });
    const finish = (result: boolean) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish(false);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function createElectronNetwork(sessions: SessionFactory): Network {
  const routes = new Map<string, { session: NetSession; ready: Promise<void> }>();
  const routeFor = (proxy: ProxyChoice) => {
    const key = routeKey(proxy);
    let route = routes.get(key);
    if (!route) {
      const session = sessions.fromPartition(`${NETWORK_PARTITION}-${routes.size}`, { cache: false });
      route = { session, ready: session.setProxy(proxyConfig(proxy)) };
      routes.set(key, route);
    }
    return route;
  };

  return {
    fetch: async (url: string, request: HttpRequest) => {
      const route = routeFor(request.proxy ?? { mode: 'system' });
      await route.ready;
      try {
        return await route.session.fetch(url, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined && { body: request.body }),
          signal: request.signal,
          redirect: 'manual',
          // No cookies sent or kept (and the session caches nothing): each request stands alone.
          credentials: 'omit',
        });
      } catch (error) {
        throw withErrno(error);
      }
    },
    canConnect,
  };
}
