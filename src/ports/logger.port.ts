// Structured diagnostics. Implementations add the time and the correlation id of the current request and
// must never throw into the caller; fields must already be free of secrets (the adapter scrubs again).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}
