// The Network port over Node's built-in fetch (undici) and node:net. Redirects are returned, not followed.
import { connect } from 'node:net';
import type { HttpRequest, Network } from '../ports/network.port.js';

export const fetchNetwork: Network = {
  fetch: (url: string, request: HttpRequest) =>
    fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && { body: request.body }),
      signal: request.signal,
      redirect: 'manual',
    }),

  canConnect: (host, port, signal) =>
    new Promise<boolean>((resolve) => {
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
    }),
};
