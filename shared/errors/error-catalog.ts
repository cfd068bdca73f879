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
