// Name, message and stack of an unexpected error, for the diagnostics log only (never sent over IPC). The
// logger's redaction still applies to every string in it.
export function describeUnexpected(error: unknown): Record<string, string> {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack ?? '' }
    : { name: typeof error, message: String(error) };
}
