// code → what a learner reads: what happened, what to do next, and whether trying again can help.
// The mapped type forces one entry per code; a new code without words does not compile.
// `{name}` placeholders are filled from the error's params by formatErrorText.
import type { ErrorCode } from './error-codes.js';

export interface CatalogEntry {
  readonly message: string;
  readonly remediation: string;
  readonly retryable: boolean;
}

export const ERROR_CATALOG: { readonly [C in ErrorCode]: CatalogEntry } = {
  VALIDATION_FAILED: {
    message: 'Some of the details you entered need fixing.',
    remediation: 'Look at the fields marked below, correct them, and save again.',
    retryable: false,
  },
  PROFILE_NOT_FOUND: {
    message: 'That profile no longer exists.',
    remediation: 'It may have been deleted in another window. Refresh the list and pick another profile.',
    retryable: false,
  },
  PROFILE_NAME_TAKEN: {
    message: 'You already have a profile called "{name}".',
    remediation: 'Choose a different name (names are compared without regard to capital letters).',
    retryable: false,
  },
  PROFILE_REVISION_CONFLICT: {
    message: 'This profile was changed somewhere else while you were editing it.',
    remediation: 'Reload the profile to see the latest version, then make your change again.',
    retryable: false,
  },
  CONSENT_REQUIRED: {
    message: 'This profile sends your prompts to {host}, which is not on this computer.',
    remediation:
      'Confirm that you agree to send prompts (and your API key) to {host}, or use a model server running on this computer.',
    retryable: false,
  },
  VAULT_ENCRYPTION_UNAVAILABLE: {
    message: "Your computer's secure storage is not available, so nothing can be saved right now.",
    remediation:
      'Unlock your system keychain or keyring (on Linux: GNOME Keyring or KWallet must be running and unlocked), then restart the app. Your saved profiles can still be viewed.',
    retryable: true,
  },
  VAULT_WEAK_ENCRYPTION_NOT_ALLOWED: {
    message: 'Only weak protection is available for API keys on this computer, so the key was not saved.',
    remediation:
      'Install and unlock a keyring (GNOME Keyring or KWallet) and restart the app, or explicitly allow weak key storage in the storage banner.',
    retryable: false,
  },
  VAULT_ENCRYPTION_FAILED: {
    message: 'Your API key could not be encrypted, so nothing was saved.',
    remediation: 'Make sure your system keychain or keyring is unlocked, then try again.',
    retryable: true,
  },
  VAULT_KEY_UNREADABLE: {
    message: 'The saved API key for this profile can no longer be read.',
    remediation:
      'This happens when the system keychain was reset or the profiles were copied from another computer. Enter the API key again and save.',
    retryable: false,
  },
  VAULT_DISK_FULL: {
    message: 'Your disk is full, so the change was not saved.',
    remediation: 'Free some disk space, then try again. Nothing was lost.',
    retryable: true,
  },
  VAULT_PERMISSION_DENIED: {
    message: 'The app is not allowed to write to its data folder, so the change was not saved.',
    remediation: 'Check that your user can write to {path}, then try again. Nothing was lost.',
    retryable: true,
  },
  VAULT_WRITE_FAILED: {
    message: 'The change could not be written to disk.',
    remediation: 'Try again. If it keeps happening, check the disk for errors. Nothing was lost.',
    retryable: true,
  },
  VAULT_NEWER_VERSION: {
    message: 'Your profiles were saved by a newer version of this app.',
    remediation: 'Install the latest version of the app to open them. Nothing was changed or deleted.',
    retryable: false,
  },
  PROVIDER_CONNECTION_REFUSED: {
    message: 'Nothing is answering at {host}.',
    remediation: '{startHint} Then run the test again.',
    retryable: true,
  },
  PROVIDER_CONNECTION_FAILED: {
    message: 'The connection to {host} broke off.',
    remediation: 'Check your network connection and that the server is still running, then test again.',
    retryable: true,
  },
  PROVIDER_DNS_FAILED: {
    message: 'The address {host} could not be found.',
    remediation: 'Check the spelling of the server address and your internet connection.',
    retryable: true,
  },
  PROVIDER_TLS_FAILED: {
    message: 'The secure connection to {host} could not be trusted ({tlsCode}).',
    remediation:
      "The server's certificate is self-signed, expired or issued for another name. Check the address; use http:// only for servers on your own computer.",
    retryable: false,
  },
  PROVIDER_TIMEOUT: {
    message: 'The server did not finish answering within {seconds} seconds.',
    remediation:
      'A large model may still be loading into memory: wait a moment and test again, or raise the time limit in the profile (up to 30 seconds).',
    retryable: true,
  },
  PROVIDER_AUTH_FAILED: {
    message: '{provider} did not accept the API key.',
    remediation:
      'Check that you copied the whole key and that it is still active, then save it again with "Replace key".',
    retryable: false,
  },
  PROVIDER_MODEL_NOT_FOUND: {
    message: 'The server does not have a model called "{model}".',
    remediation: '{modelHint}',
    retryable: false,
  },
  PROVIDER_ENDPOINT_NOT_FOUND: {
    message: 'The server answered "not found" for {url}.',
    remediation: '{pathHint}',
    retryable: false,
  },
  PROVIDER_RATE_LIMITED: {
    message: '{provider} is limiting how many requests you can send.',
    remediation: 'Wait {retryAfter} and try again.',
    retryable: true,
  },
  PROVIDER_QUOTA_EXCEEDED: {
    message: 'Your {provider} account has no credit or quota left.',
    remediation: "Check your plan and billing on the provider's website, then try again.",
    retryable: false,
  },
  PROVIDER_OVERLOADED: {
    message: '{provider} is overloaded right now.',
    remediation: 'This is temporary and not caused by your settings. Try again in a minute.',
    retryable: true,
  },
  PROVIDER_SERVER_ERROR: {
    message: '{provider} had an internal problem (HTTP {status}).',
    remediation:
      "Try again later. For a server on your computer, look at the server's own window or log for the cause.",
    retryable: true,
  },
  PROVIDER_BAD_REQUEST: {
    message: '{provider} refused the request (HTTP {status}): {detail}',
    remediation: 'Check the model name and the other settings of the profile.',
    retryable: false,
  },
  PROVIDER_MALFORMED_RESPONSE: {
    message: "The server's answer was not in the format {provider} uses.",
    remediation:
      'Check that the provider type matches the server, for example "Ollama" for Ollama\'s own address or "OpenAI-compatible" for a /v1 address.',
    retryable: false,
  },
  PROVIDER_STREAM_ERROR: {
    message: '{provider} stopped with an error while answering: {detail}',
    remediation: 'Try again. If it keeps happening, try another model.',
    retryable: true,
  },
  PROVIDER_EMPTY_REPLY: {
    message: 'The server answered, but the model produced no text within the short test.',
    remediation:
      "Reasoning models can spend a short test thinking before they write: try a non-reasoning model, or check the model name and the server's log.",
    retryable: true,
  },
  PROVIDER_RESPONSE_TOO_LARGE: {
    message: 'The server sent more than {limit} for a short answer, so the app stopped reading.',
    remediation: 'Check that the address points at a model API, not at a file or a web page.',
    retryable: false,
  },
  PROVIDER_REDIRECT_BLOCKED: {
    message: 'The server tried to send the request on to {location}.',
    remediation:
      'To keep your API key safe the app does not follow redirects. Put the final address in the profile instead.',
    retryable: false,
  },
  IPC_FORBIDDEN_SENDER: {
    message: 'This request did not come from the app window, so it was refused.',
    remediation: 'Use the app window itself. If you see this inside the app, restart it.',
    retryable: false,
  },
  IPC_MALFORMED_REQUEST: {
    message: 'The app window sent a request this version of the app does not understand.',
    remediation: 'Restart the app. If it keeps happening, report it with the reference below.',
    retryable: false,
  },
  INTERNAL: {
    message: 'Something went wrong inside the app.',
    remediation: 'Try again. If it keeps happening, report it with the reference below.',
    retryable: true,
  },
};

export type ErrorParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder is left readable rather than blank. */
export function formatErrorText(template: string, params: ErrorParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole.replace(/[{}]/g, '') : String(value);
  });
}

export function describeError(code: ErrorCode, params?: ErrorParams): CatalogEntry {
  const entry = ERROR_CATALOG[code];
  return {
    message: formatErrorText(entry.message, params),
    remediation: formatErrorText(entry.remediation, params),
    retryable: entry.retryable,
  };
}
