// The app:// scheme that serves the built renderer in production: registered as standard + secure before the
// app is ready (so the page is a secure context with a real origin), then handled by reading files from the
// renderer directory with the CSP header attached. Symlinks that lead outside the directory are refused too.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { mimeTypeOf, resolveAppAsset } from './resolve-asset.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(rendererDir: string, csp: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolved = resolveAppAsset(root, request.url, APP_HOST);
    if ('status' in resolved) return plain(resolved.status, resolved.status === 404 ? 'Not found' : 'Refused');
    try {
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(resolved.file)]);
      if (!realFile.startsWith(realRoot + path.sep)) return plain(403, 'Refused');
      const body = await readFile(realFile);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': mimeTypeOf(realFile),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}
