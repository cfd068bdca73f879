// How the ports report a failure of the world underneath them: a Node errno error (ENOSPC, EACCES, ECONNREFUSED,
// …), possibly wrapped (undici nests the socket error in `cause`; a dual-stack connect aggregates one per
// address). The one way the core and the adapters read that code.

/** The errno-like code of an error, looking through causes and aggregated errors; null when there is none. */
export function errnoOf(error: unknown, depth = 0): string | null {
  if (depth > 6 || typeof error !== 'object' || error === null) return null;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR' && !code.startsWith('ABORT')) return code;
  for (const inner of (error as { errors?: unknown }).errors instanceof Array
    ? (error as { errors: unknown[] }).errors
    : []) {
    const found = errnoOf(inner, depth + 1);
    if (found) return found;
  }
  return errnoOf((error as { cause?: unknown }).cause, depth + 1);
}
