// The Network port in the desktop app: Chromium's network, as the learner's browser uses it — the system's proxy
// settings (PAC files included) and the operating system's certificate store, so a school's inspecting firewall
// whose certificate IT installed is trusted here too. Requests go through Electron's `fetch` on sessions of their
// own, in memory only (a partition without "persist:", cache off), sending and keeping no cookies; one session per
// way to the server (system, direct, each named proxy), made once. Redirects are returned, never followed; the
// core caps the body and the signal aborts. Chromium's "net::ERR_…" failures get the errno-like codes the core reads.
import { connect } from 'node:net';
import type { ProxyRoute } from '../../shared/network.contract.js';
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
  // A proxy of the profile's own that could not be reached, refused the tunnel or the sign-in.
  ERR_PROXY_CONNECTION_FAILED: 'ECONNREFUSED',
  ERR_TUNNEL_CONNECTION_FAILED: 'EPROXY_502',
  ERR_PROXY_AUTH_UNSUPPORTED: 'EPROXY_407',
  ERR_PROXY_AUTH_REQUESTED: 'EPROXY_407',
  ERR_INVALID_AUTH_CREDENTIALS: 'EPROXY_407',
};

/** The error with a `code` the core understands, keeping the original as its cause. */
export function withErrno(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const name = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
  if (!name) return error;
  return Object.assign(new Error(message, { cause: error }), { code: CHROMIUM_CODES[name] ?? name });
}

/** One session per way, and per user of a proxy (Chromium keeps a proxy's sign-in per session). */
function routeKey(proxy: ProxyRoute): string {
  return proxy.mode === 'fixed' ? `fixed ${proxy.url} ${proxy.username ?? ''}` : proxy.mode;
}

/** host:port of a proxy, as Chromium names it when the proxy asks for credentials. */
function proxyAddress(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return `${parsed.hostname.replace(/^\[|\]$/g, '')}:${port}`;
}

export interface ProxyCredentials {
  readonly username: string;
  readonly password: string;
}

export interface ElectronNetwork extends Network {
  /** The user name and password for the proxy at host:port, when a profile gave them; null otherwise. */
  proxyCredentials(host: string, port: number): ProxyCredentials | null;
}

/** What Electron's app 'login' event hands over (the parts used here). */
interface LoginAuthInfo {
  readonly isProxy: boolean;
  readonly host: string;
  readonly port: number;
}

/**
 * The listener for Electron's app 'login' event: a proxy that asks who is calling gets the credentials a profile
 * gave for it; any other sign-in request (a server's own Basic auth, an unknown proxy) is left to Electron's
 * default, which cancels it, so the learner sees the server's refusal instead of a password sent somewhere new.
 */
export function proxyLoginListener(network: ElectronNetwork) {
  return (
    event: { preventDefault(): void },
    _webContents: unknown,
    _details: unknown,
    authInfo: LoginAuthInfo,
    callback: (username?: string, password?: string) => void,
  ): void => {
    if (!authInfo.isProxy) return;
    const credentials = network.proxyCredentials(authInfo.host, authInfo.port);
    if (credentials === null) return;
    event.preventDefault();
    callback(credentials.username, credentials.password);
  };
}

/**
 * Chromium's proxy settings for a choice. A named proxy is given as scheme://host:port (Chromium's rule syntax has
 * no path), and `<-loopback>` takes back Chromium's own exception for loopback addresses: a learner who names a
 * proxy for a profile gets it for that profile's server wherever it is, as with the Node adapter.
 */
function proxyConfig(proxy: ProxyRoute): Parameters<NetSession['setProxy']>[0] {
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

export function createElectronNetwork(sessions: SessionFactory): ElectronNetwork {
  const routes = new Map<string, { session: NetSession; ready: Promise<void> }>();
  // The latest credentials given for each proxy address, for the 'login' event; held only in memory.
  const credentials = new Map<string, ProxyCredentials>();
  const routeFor = (proxy: ProxyRoute) => {
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
      const proxy = request.proxy ?? { mode: 'system' };
      const route = routeFor(proxy);
      if (proxy.mode === 'fixed' && proxy.username !== undefined)
        credentials.set(proxyAddress(proxy.url), { username: proxy.username, password: proxy.password ?? '' });
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
    proxyCredentials: (host: string, port: number) =>
      credentials.get(`${host.replace(/^\[|\]$/g, '')}:${port}`) ?? null,
  };
}
