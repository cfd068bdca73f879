// The vocabulary of a fake server's routes: which method and path, which wire shapes its errors, whether the
// API key guards it, and whether it is the chat endpoint that faults break. Kinds are built from these entries.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext, Wire } from './fake-llm-options.js';
import { send } from './respond.js';
import type { Reply } from './respond.js';

export interface RouteEntry {
  readonly method: 'GET' | 'HEAD' | 'POST';
  /** Exact pathname, or a pattern whose groups become params. */
  readonly path: string | RegExp;
  readonly wire: Wire;
  /** Guarded by the API key when one is configured. */
  readonly auth: boolean;
  /** The chat endpoint: misbehaviour faults apply here. modelFromPath names the model when the path carries it. */
  readonly chat?: { modelFromPath?: (params: readonly string[]) => string };
  run(ctx: FakeContext, req: RecordedRequest, res: ServerResponse, params: readonly string[]): void | Promise<void>;
}

export interface RouteHit {
  readonly entry: RouteEntry;
  readonly params: readonly string[];
}

export function matchRoute(table: readonly RouteEntry[], method: string, pathname: string): RouteHit | undefined {
  for (const entry of table) {
    if (entry.method !== method) continue;
    if (typeof entry.path === 'string') {
      if (entry.path === pathname) return { entry, params: [] };
      continue;
    }
    const match = entry.path.exec(pathname);
    if (match) return { entry, params: match.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return undefined;
}

/** A GET (or HEAD) route that answers a fixed, context-derived reply. */
export function getRoute(
  path: string,
  wire: Wire,
  auth: boolean,
  reply: (ctx: FakeContext, req: RecordedRequest) => Reply,
  method: 'GET' | 'HEAD' = 'GET',
): RouteEntry {
  return { method, path, wire, auth, run: (ctx, req, res) => send(res, reply(ctx, req)) };
}
