// Lists the models a server offers, for a saved profile or a form draft, through the same request path and
// with the same error classes as the chat stream: every page of a paged list (up to MODELS_CAP models), then
// what the server says about each model (kind, context, loaded), chat models first.
import { MODELS_CAP, type ListedModel } from '../../shared/models.contract.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Network } from '../ports/network.port.js';
import { withDetails } from './model-details.js';
import { malformed, type ErrorContext } from './provider-errors.js';
import { requestJson } from './provider-request.js';
import type { ProviderTarget } from './provider-target.js';
import { wireFor } from './wire/index.js';
import type { ModelInfo, Wire } from './wire/wire.js';

const PAGE_MAX_BYTES = 4 * 1024 * 1024;
const DETAIL_MAX_BYTES = 1024 * 1024;
/** A server that pages forever (or repeats its cursor) stops here even if each page is tiny. */
const PAGES_MAX = 50;

interface Deps {
  readonly network: Network;
  readonly secrets: SecretRegistry;
}

export interface Listing {
  readonly models: ListedModel[];
  readonly truncated: boolean;
}

async function allPages(
  target: ProviderTarget,
  wire: Wire,
  deps: Deps,
  signal: AbortSignal,
): Promise<{ models: ModelInfo[]; truncated: boolean }> {
  const found: ModelInfo[] = [];
  const cursors = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < PAGES_MAX; page += 1) {
    const request = wire.modelsRequest(target, cursor);
    const ctx: ErrorContext = { target, url: request.url, wire, secrets: deps.secrets };
    const body = await requestJson(ctx, deps.network, signal, PAGE_MAX_BYTES, {
      method: 'GET',
      headers: request.headers,
    });
    try {
      found.push(...wire.parseModels(body));
    } catch (error) {
      throw malformed(ctx, error);
    }
    if (found.length >= MODELS_CAP) return { models: found.slice(0, MODELS_CAP), truncated: true };
    cursor = wire.nextCursor?.(body) ?? null;
    if (cursor === null) return { models: found, truncated: false };
    if (cursors.has(cursor)) return { models: found, truncated: true };
    cursors.add(cursor);
  }
  return { models: found, truncated: true };
}

const NOT_FOR_CHAT = new Set(['embedding', 'image', 'audio']);

function listed(m: ModelInfo): ListedModel {
  return {
    id: m.id,
    ...(m.label !== undefined && { label: m.label }),
    kind: m.kind ?? 'unknown',
    contextLength: m.contextLength ?? null,
    loaded: m.loaded ?? null,
  };
}

/** Models a chat can use first; embeddings, image and audio models last; each group by id. */
function byUse(a: ListedModel, b: ListedModel): number {
  const rank = (m: ListedModel) => (NOT_FOR_CHAT.has(m.kind) ? 1 : 0);
  return rank(a) - rank(b) || a.id.localeCompare(b.id);
}

export async function listModels(target: ProviderTarget, deps: Deps, signal: AbortSignal): Promise<Listing> {
  const wire = wireFor(target.kind);
  const { models, truncated } = await allPages(target, wire, deps, signal);
  const { headers } = wire.modelsRequest(target);
  const detailed = await withDetails(target, models, async (url, body) => {
    const ctx: ErrorContext = { target, url, wire, secrets: deps.secrets };
    try {
      return await requestJson(ctx, deps.network, signal, DETAIL_MAX_BYTES, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      // A detail is a nice-to-have; only the learner stopping (or the time limit) ends the listing here.
      if (signal.aborted) throw error;
      return null;
    }
  });
  return { models: detailed.map(listed).sort(byUse), truncated };
}
