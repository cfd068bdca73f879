// Where each family carries its API key (Bearer, api-key, x-api-key, x-goog-api-key or ?key=), so a client that
// sends the key in the wrong header fails here exactly as it would against the real server.
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext } from './fake-llm-options.js';
import type { Problem } from './problems.js';

/** The bearer token; '' when an Authorization header is present but is not `Bearer <token>`. */
function bearer(req: RecordedRequest): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
}

function presentedKey(ctx: FakeContext, req: RecordedRequest, url: URL): string | undefined {
  switch (ctx.kind) {
    case 'azure-openai':
      // api-key is Azure's header; the v1 surface also takes the key as a bearer token from a plain OpenAI client.
      return req.headers['api-key'] ?? (url.pathname.startsWith('/openai/v1/') ? bearer(req) : undefined);
    case 'anthropic':
      return req.headers['x-api-key'];
    case 'gemini':
      return req.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
    case 'localai':
      return bearer(req) ?? req.headers['x-api-key'] ?? req.headers['xi-api-key'];
    default:
      return bearer(req);
  }
}

export function authProblem(ctx: FakeContext, req: RecordedRequest, url: URL): Problem | undefined {
  if (ctx.apiKey === undefined) return undefined;
  const presented = presentedKey(ctx, req, url);
  return presented === ctx.apiKey ? undefined : { code: 'unauthorized', presented };
}
