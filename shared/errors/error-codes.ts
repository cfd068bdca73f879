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
  'VAULT_NEWER_VERSION',
  // providers (connection test, model listing, chat)
  'PROVIDER_CONNECTION_REFUSED',
  'PROVIDER_CONNECTION_FAILED',
  'PROVIDER_DNS_FAILED',
  'PROVIDER_TLS_FAILED',
  'PROVIDER_TIMEOUT',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_MODEL_NOT_FOUND',
  'PROVIDER_ENDPOINT_NOT_FOUND',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_QUOTA_EXCEEDED',
  'PROVIDER_OVERLOADED',
  'PROVIDER_SERVER_ERROR',
  'PROVIDER_BAD_REQUEST',
  'PROVIDER_MALFORMED_RESPONSE',
  'PROVIDER_STREAM_ERROR',
  'PROVIDER_EMPTY_REPLY',
  'PROVIDER_RESPONSE_TOO_LARGE',
  'PROVIDER_REDIRECT_BLOCKED',
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
