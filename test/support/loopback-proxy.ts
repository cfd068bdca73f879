// A forwarding HTTP proxy on 127.0.0.1 for tests of the learner's "This proxy" choice: it forwards absolute-form
// requests and opens CONNECT tunnels (what undici's ProxyAgent asks for), and records each, so a test can prove
// which way a request went.
import { serverClosed, serverStarted } from './started-servers.js';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface LoopbackProxy {
  readonly url: string;
  /** What the proxy was asked for, in order: absolute-form URLs, or "CONNECT host:port" for a tunnel. */
  readonly seen: string[];
  /** Every Proxy-Authorization header the proxy was sent ('' when a request came without one). */
  readonly authorizations: string[];
  close(): Promise<void>;
}

/** A plain forwarding HTTP proxy (absolute-form requests), enough to prove which way a request went. */
export interface LoopbackProxyOptions {
  /** When given, the proxy asks for these (HTTP Basic) and answers 407 to anything else. */
  readonly credentials?: { readonly username: string; readonly password: string };
}

export async function startLoopbackProxy(options: LoopbackProxyOptions = {}): Promise<LoopbackProxy> {
  const seen: string[] = [];
  const authorizations: string[] = [];
  const expected =
    options.credentials &&
    `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
  /** Whether the caller may pass; records what it sent. */
  const admitted = (req: IncomingMessage) => {
    const sent = req.headers['proxy-authorization'] ?? '';
    authorizations.push(sent);
    return expected === undefined || sent === expected;
  };
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (!admitted(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="loopback"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  // CONNECT: the tunnel undici's ProxyAgent opens for every request (the proxy sees the host and port only).
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    if (!admitted(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="loopback"\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    client.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serverStarted(port);
  server.once('close', () => serverClosed(port));
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
