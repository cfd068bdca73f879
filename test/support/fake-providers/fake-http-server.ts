// Loopback HTTP(S) and raw-TCP servers for tests: they bind only to 127.0.0.1 or ::1, record every request, and
// close by destroying every socket, so a test that aborts mid-stream leaves no open handle or running timer behind.
import { serverClosed, serverStarted } from '../started-servers.js';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** Path plus query string, exactly as the client sent it. */
  path: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export type { LoopbackHost } from '../../../shared/discovery.contract.js';
import type { LoopbackHost } from '../../../shared/discovery.contract.js';

export interface FakeServer extends AsyncDisposable {
  readonly host: LoopbackHost;
  readonly port: number;
  /** e.g. http://127.0.0.1:PORT or http://[::1]:PORT, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeHttpOptions {
  host?: LoopbackHost;
  port?: number;
  tls?: { key: string; cert: string };
}

function joinHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that gives up mid-upload still leaves a (partial) record behind.
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function urlOf(scheme: 'http' | 'https', host: LoopbackHost, port: number): string {
  return `${scheme}://${host === '::1' ? '[::1]' : host}:${port}`;
}

/** Listens, tracks raw sockets, and returns the one close() every server here shares. */
async function listenTracked(
  server: net.Server,
  host: LoopbackHost,
  port: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no TCP address');
  serverStarted(address.port);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    serverClosed(address.port);
    closing ??= new Promise<void>((resolve) => {
      // http and https servers both have closeAllConnections(); a raw net.Server does not.
      if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function')
        (server as http.Server).closeAllConnections();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return closing;
  };
  return { port: address.port, close };
}

export async function startFakeHttpServer(handler: Handler, options: FakeHttpOptions = {}): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    // Writes racing a client disconnect must not surface as an uncaught 'error'.
    res.on('error', () => undefined);
    void readBody(req).then(async (body) => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: joinHeaders(req.rawHeaders),
        body,
      };
      requests.push(recorded);
      try {
        await handler(recorded, res);
      } catch (error) {
        // A bug in a fake must fail the test loudly, not hang it: answer 500 with the reason.
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`fake server handler failed: ${error instanceof Error ? error.message : String(error)}`);
        } else {
          res.destroy();
        }
      }
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  const { port, close } = await listenTracked(server, host, options.port ?? 0);
  return {
    host,
    port,
    url: urlOf(options.tls ? 'https' : 'http', host, port),
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Parses what it can of an HTTP request head so silent-server tests can still assert on what was sent. */
function recordRaw(
  text: string,
  requests: RecordedRequest[],
  current: RecordedRequest | undefined,
): RecordedRequest | undefined {
  if (current) {
    current.body += text;
    return current;
  }
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [requestLine = '', ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const [method = '', path = ''] = requestLine.split(' ');
  const raw: string[] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) raw.push(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const recorded: RecordedRequest = { method, path, headers: joinHeaders(raw), body: text.slice(headEnd + 4) };
  requests.push(recorded);
  return recorded;
}

/** Accepts TCP connections, reads, never answers (for timeouts / discovery bounds). */
export async function startSilentServer(options: { host?: LoopbackHost; port?: number } = {}): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const server = net.createServer((socket) => {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let current: RecordedRequest | undefined;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      pending += decoder.write(chunk);
      const next = recordRaw(pending, requests, current);
      if (next) {
        current = next;
        pending = '';
      }
    });
  });
  const { port, close } = await listenTracked(server, host, options.port ?? 0);
  return { host, port, url: urlOf('http', host, port), requests, close, [Symbol.asyncDispose]: close };
}
