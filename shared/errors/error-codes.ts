// The stable, machine-readable codes of every failure a learner can see. Words live in error-catalog.ts;
// code never matches on messages. Domain-prefixed SCREAMING_SNAKE so a code says where it came from.
export const ERROR_CODES = [
  // input
  'VALIDATION_FAILED',
  // profiles
  'PROFILE_NOT_FOUND',
  'PROFILE_NAME_TAKEN',
  'PROFILE_REVISION_CONFLICT',
  'CONSENT_REQUIRED',
  // vault / secure storage
  'VAULT_ENCRYPTION_UNAVAILABLE',
  'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
  'VAULT_ENCRYPTION_FAILED',
  'VAULT_KEY_UNREADABLE',
  'VAULT_DISK_FULL',
  'VAULT_PERMISSION_DENIED',
  'VAULT_WRITE_FAILED',
  // transport
  'IPC_FORBIDDEN_SENDER',
  'IPC_MALFORMED_REQUEST',
  // anything unexpected
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODE_SET.has(value);
}
