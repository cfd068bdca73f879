// The core's one entry for the Electron main process: build the services from ports, the API over them, and the
// Node adapters for the ports that are not Electron's. src-main imports this file and nothing else under src/.
import { createJsonlLogger, type JsonlLogger, type JsonlLoggerOptions } from './adapters/jsonl-logger.adapter.js';
import { redact } from './diagnostics/redaction.js';
import { currentRequestContext } from './diagnostics/request-context.js';
import type { SecretRegistry } from './diagnostics/secret-registry.js';
import type { LogFields } from './ports/logger.port.js';

export { createCore, type CoreServices } from './core.js';

// The API: the router the renderer calls, its per-call context and in-process caller, its error mapping.
export { appRouter, type AppRouter } from './api/app.router.js';
export { createContextInner } from './api/context.js';
export { apiAppError } from './api/error-formatter.js';
export { CALL_LIMITS, type CallLimits } from './api/call-limits.js';

// Ports the main process implements with Electron.
export type { CipherAvailability, DecryptResult, SecretCipher } from './ports/secret-cipher.port.js';
export type { Clock } from './ports/clock.port.js';
export type { IdGenerator } from './ports/id-generator.port.js';
export type { LogFields, Logger } from './ports/logger.port.js';
export type { Timers } from './ports/timers.port.js';
export type { HttpRequest, Network } from './ports/network.port.js';
export type { FileDialogs, SavedKind } from './ports/file-dialogs.port.js';

// Node adapters for the other ports.
export { AtomicFileStore } from './adapters/atomic-file.store.js';
export { logFilesIn } from './adapters/log-files.adapter.js';
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

/** Events that record what the learner agreed to and what left the computer: also kept in the audit log. */
export const AUDIT_EVENTS: ReadonlySet<string> = new Set([
  'provider.remote_request',
  'consent.given',
  'consent.withdrawn',
  'storage.weak_allowed',
]);

export interface DiagnosticsLoggerOptions extends Omit<JsonlLoggerOptions, 'scrub' | 'currentCorrelationId'> {
  readonly secrets: SecretRegistry;
  /** Size of one audit file and how many are kept (it grows by a line per remote request or consent). */
  readonly audit?: { readonly maxFileBytes?: number; readonly maxFiles?: number };
}

/**
 * The JSONL diagnostics writer with the core's scrub applied to every record and the correlation id of the call
 * in progress stamped on it. Audit events are written twice: to the diagnostics log, in order with everything
 * else, and to their own rotated `audit-*.jsonl`, which nothing else writes to, so no flood of other lines
 * (a page hammering the IPC channel, a chatty failure) can rotate them away.
 */
export function createDiagnosticsLogger(options: DiagnosticsLoggerOptions): JsonlLogger {
  const { secrets, audit: auditOptions, ...rest } = options;
  const shared = {
    scrub: (fields: LogFields) => redact(fields, secrets) as Record<string, unknown>,
    currentCorrelationId: () => currentRequestContext()?.correlationId ?? null,
  };
  const diagnostics = createJsonlLogger({ ...rest, ...shared });
  // Opened on the first audit event, so a session with nothing to audit leaves no empty file.
  let audit: JsonlLogger | null = null;
  let closed = false;
  const auditLog = () =>
    (audit ??= createJsonlLogger({
      dir: rest.dir,
      ...shared,
      fileBaseName: 'audit',
      maxFileBytes: auditOptions?.maxFileBytes ?? 1024 * 1024,
      maxFiles: auditOptions?.maxFiles ?? 5,
    }));
  return {
    dir: diagnostics.dir,
    get droppedRecords() {
      return diagnostics.droppedRecords + (audit?.droppedRecords ?? 0);
    },
    log(level, event, fields) {
      diagnostics.log(level, event, fields);
      if (!closed && AUDIT_EVENTS.has(event)) auditLog().log(level, event, fields);
    },
    async close() {
      closed = true;
      await Promise.all([diagnostics.close(), audit?.close()]);
    },
  };
}
