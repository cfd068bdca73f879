// A Logger that keeps records in memory, stamped with the correlation id of the request context, so tests
// can assert on the diagnostics a user would read.
import { currentRequestContext } from '../../src/diagnostics/request-context.js';
import type { LogFields, Logger, LogLevel } from '../../src/ports/logger.port.js';

export interface MemoryRecord {
  readonly level: LogLevel;
  readonly event: string;
  readonly correlationId: string | null;
  readonly fields: LogFields;
}

export class MemoryLogger implements Logger {
  readonly records: MemoryRecord[] = [];

  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.records.push({ level, event, correlationId: currentRequestContext()?.correlationId ?? null, fields });
  }

  events(): string[] {
    return this.records.map((r) => r.event);
  }

  find(event: string): MemoryRecord[] {
    return this.records.filter((r) => r.event === event);
  }
}
