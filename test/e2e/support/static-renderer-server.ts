// Serves the built renderer (out/renderer) over loopback HTTP with the production CSP, standing in for the
// app:// protocol when the renderer runs in plain Chromium. Same path rules as the real protocol handler.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mimeTypeOf, resolveAppAsset } from '../../../src-main/protocol/resolve-asset.js';
import { contentSecurityPolicy } from '../../../src-main/window/window-security.js';

export interface RendererServer {
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveRenderer(rendererDir: string): Promise<RendererServer> {
  const csp = contentSecurityPolicy(null);
  let host = '';
  const server: Server = createServer((req, res) => {
    const resolved = resolveAppAsset(rendererDir, `http://${host}${req.url ?? '/'}`, host);
    if ('status' in resolved) {
      res.writeHead(resolved.status).end();
      return;
    }
    readFile(resolved.file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': mimeTypeOf(resolved.file),
            'content-security-policy': csp,
            'cache-control': 'no-store',
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}/index.html`,
    origin: `http://${host}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
