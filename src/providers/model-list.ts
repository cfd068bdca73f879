// Lists the models a server offers, for a saved profile or a form draft, with the same error classes as
// the connection test.
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { AppError } from '../errors/app-error.js';
import type { Network } from '../ports/network.port.js';
import { httpError, malformed, networkError, type ErrorContext } from './provider-errors.js';
import type { ProviderTarget } from './provider-target.js';
import { readAllCapped, readErrorBody } from './response-body.js';
import { wireFor } from './wire/index.js';
import type { ModelInfo } from './wire/wire.js';

const MODELS_MAX_BYTES = 4 * 1024 * 1024;

export async function listModels(
  target: ProviderTarget,
  deps: { network: Network; secrets: SecretRegistry },
  signal: AbortSignal,
): Promise<ModelInfo[]> {
  const wire = wireFor(target.kind);
  const request = wire.modelsRequest(target);
  const ctx: ErrorContext = { target, url: request.url, wire, secrets: deps.secrets };
  try {
    const response = await deps.network.fetch(request.url, { method: 'GET', headers: request.headers, signal });
    if (!response.ok) {
      const body = response.status >= 300 && response.status < 400 ? null : await readErrorBody(response);
      throw httpError(response.status, wire.errorInfo(body), response.headers, ctx);
    }
    const text = await readAllCapped(response, MODELS_MAX_BYTES);
    try {
      return wire.parseModels(JSON.parse(text)).sort((a, b) => a.id.localeCompare(b.id));
    } catch (error) {
      throw malformed(ctx, error);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const mapped = networkError(error, ctx, signal);
    throw mapped;
  }
}
