// The core's one entry for the Electron main process: build the services from ports, the API over them, and the
// Node adapters for the ports that are not Electron's. src-main imports this file and nothing else under src/.
import { createJsonlLogger, type JsonlLogger, type JsonlLoggerOptions } from './adapters/jsonl-logger.adapter.js';
import { redact } from './diagnostics/redaction.js';
import { currentRequestContext } from './diagnostics/request-context.js';
import type { SecretRegistry } from './diagnostics/secret-registry.js';

export { createCore, type CoreServices } from './core.js';

// The API: the router the renderer calls, its per-call context and in-process caller, its error mapping.
export { appRouter, type AppRouter } from './api/app.router.js';
export { createContextInner } from './api/context.js';
export { apiAppError } from './api/error-formatter.js';

// Ports the main process implements with Electron.
export type { CipherAvailability, DecryptResult, SecretCipher } from './ports/secret-cipher.port.js';
export type { Clock } from './ports/clock.port.js';
export type { IdGenerator } from './ports/id-generator.port.js';
export type { LogFields, Logger } from './ports/logger.port.js';

// Node adapters for the other ports.
export { AtomicFileStore } from './adapters/atomic-file.store.js';
export { fetchNetwork } from './adapters/fetch-network.adapter.js';
export { nodeTimers } from './adapters/node-timers.adapter.js';
export { randomIds } from './adapters/random-ids.adapter.js';
export { systemClock } from './adapters/system-clock.adapter.js';
export type { JsonlLogger } from './adapters/jsonl-logger.adapter.js';

// What the transport needs to answer every call in catalogue terms and log it under its correlation id.
export { AppError } from './errors/app-error.js';
export { describeUnexpected } from './diagnostics/describe-unexpected.js';
export { runInRequestContext } from './diagnostics/request-context.js';
export { SecretRegistry } from './diagnostics/secret-registry.js';
export { storageError } from './vault/storage-errors.js';
export { errnoOf } from './ports/errno.js';

/**
 * The JSONL diagnostics writer with the core's scrub applied to every record and the correlation id of the call
 * in progress stamped on it.
 */
export function createDiagnosticsLogger(
  options: Omit<JsonlLoggerOptions, 'scrub' | 'currentCorrelationId'> & { readonly secrets: SecretRegistry },
): JsonlLogger {
  const { secrets, ...rest } = options;
  return createJsonlLogger({
    ...rest,
    scrub: (fields) => redact(fields, secrets) as Record<string, unknown>,
    currentCorrelationId: () => currentRequestContext()?.correlationId ?? null,
  });
}
