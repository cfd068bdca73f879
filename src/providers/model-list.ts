// Lists the models a server offers, for a saved profile or a form draft, through the same request path and
// with the same error classes as the chat stream.
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { AppError } from '../errors/app-error.js';
import type { Network } from '../ports/network.port.js';
import { errorInSuccess, malformed, networkError, type ErrorContext } from './provider-errors.js';
import { errorInAnswer, sendProviderRequest } from './provider-request.js';
import type { ProviderTarget } from './provider-target.js';
import { readAllCapped } from './response-body.js';
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
  const response = await sendProviderRequest(ctx, deps.network, { method: 'GET', headers: request.headers, signal });
  let text: string;
  try {
    text = await readAllCapped(response, MODELS_MAX_BYTES);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw networkError(error, ctx, signal);
  }
  const info = errorInAnswer(text, wire);
  if (info) throw errorInSuccess(info, ctx);
  try {
    return wire.parseModels(JSON.parse(text)).sort((a, b) => a.id.localeCompare(b.id));
  } catch (error) {
    throw malformed(ctx, error);
  }
}
