// Reading JSON whose shape nobody promised (a provider's answer, a probe's): narrow one value at a time, and get
// null or undefined instead of a throw when it is not what was hoped for.

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A string, or a number as text (servers send codes and ids as either). */
export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

/** A string and only a string. */
export function stringOnly(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
