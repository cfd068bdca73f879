// The loopback ports the test process's own servers listen on, and a network that reaches only those. Tests talk
// only to servers they start: an app that asks a local address by itself (the form loads the model list of a
// server on this computer) gets a refused connection for any port no test started, whatever this machine runs.
import { endpointHost, isLoopbackHost } from '../../shared/endpoint.js';
import type { Network } from '../../src/ports/network.port.js';

const listening = new Set<number>();

export function serverStarted(port: number): void {
  listening.add(port);
}

export function serverClosed(port: number): void {
  listening.delete(port);
}

function refused(host: string, port: number): Error {
  return Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (no test started a server there)`), {
      code: 'ECONNREFUSED',
    }),
  });
}

/** `network`, with loopback ports no test server listens on refused as a closed port would be. */
export function onlyStartedServers(network: Network): Network {
  const startedOrRemote = (url: string): boolean => {
    const parsed = URL.parse(url);
    const host = endpointHost(url);
    if (!parsed || host === null || !isLoopbackHost(host)) return true;
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    return listening.has(port);
  };
  return {
    fetch: async (url, request) => {
      // A named proxy is where the connection goes; otherwise the server itself.
      const target = request.proxy?.mode === 'fixed' ? request.proxy.url : url;
      if (!startedOrRemote(target)) {
        const parsed = new URL(target);
        throw refused(parsed.hostname, Number(parsed.port));
      }
      return network.fetch(url, request);
    },
    canConnect: (host, port, signal) =>
      isLoopbackHost(host) && !listening.has(port) ? Promise.resolve(false) : network.canConnect(host, port, signal),
  };
}
