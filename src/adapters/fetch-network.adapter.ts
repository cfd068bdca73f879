// The Network port in plain Node: for the tests, the Chromium e2e harness and the core run outside Electron (the
// desktop app uses Chromium's network instead: src-main/adapters/electron-net.adapter.ts). Redirects are
// returned, not followed. Node has no system proxy settings, so 'system' and 'direct' both go straight to the
// server here; 'fixed' goes through that proxy with undici's ProxyAgent (CONNECT for https, absolute-form for http).
// A proxy's user name and password go to the proxy only, as HTTP Basic credentials.
// A CA given here is trusted besides Node's own list — what an inspecting school firewall's certificate needs.
import { connect } from 'node:net';
import { Agent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { HttpRequest, Network } from '../ports/network.port.js';

export interface FetchNetworkOptions {
  /** Certificates to trust besides Node's bundled list (PEM). */
  readonly ca?: string | readonly string[];
}

function canConnect(host: string, port: number, signal: AbortSignal): Promise<boolean> {
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

/**
 * undici reports a proxy that refused the tunnel only in words ("Proxy response (407) !== 200 when HTTP
 * Tunneling"); the core reads codes, so the refusal gets one: EPROXY_<status>.
 */
function withProxyCode(error: unknown): unknown {
  for (let inner: unknown = error, depth = 0; inner instanceof Error && depth < 6; depth += 1) {
    const status = /Proxy response \((\d{3})\)/.exec(inner.message)?.[1];
    if (status) return Object.assign(new Error(inner.message, { cause: error }), { code: `EPROXY_${status}` });
    inner = inner.cause;
  }
  return error;
}

export function createFetchNetwork(options: FetchNetworkOptions = {}): Network {
  const ca = options.ca === undefined ? undefined : [options.ca].flat();
  const tls = ca === undefined ? undefined : { ca: [...ca] };
  // One dispatcher per route, made once: a connection pool per proxy, like a browser's.
  const direct = tls ? new Agent({ connect: tls }) : null;
  const proxies = new Map<string, Dispatcher>();
  const dispatcherFor = (request: HttpRequest): Dispatcher | null => {
    if (request.proxy?.mode !== 'fixed') return direct;
    const { url, username, password } = request.proxy;
    // A proxy that asks who is calling gets HTTP Basic credentials in Proxy-Authorization (on the CONNECT only).
    const token =
      username === undefined ? undefined : `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
    const key = token === undefined ? url : `${url}\n${token}`;
    let agent = proxies.get(key);
    if (!agent) {
      agent = new ProxyAgent({
        uri: url,
        ...(token !== undefined && { token }),
        ...(tls && { requestTls: tls, proxyTls: tls }),
      });
      proxies.set(key, agent);
    }
    return agent;
  };

  return {
    fetch: (url: string, request: HttpRequest) => {
      const init = {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: request.signal,
        redirect: 'manual' as const,
      };
      const dispatcher = dispatcherFor(request);
      if (dispatcher === null) return fetch(url, init);
      // undici's own fetch with its own dispatcher: the two always match, whatever undici Node bundles.
      return undiciFetch(url, { ...init, dispatcher }).catch((error: unknown) => {
        throw withProxyCode(error);
      });
    },
    canConnect,
  };
}

export const fetchNetwork: Network = createFetchNetwork();
