// code → what a learner reads: what happened, what to do next, and whether trying again can help.
// The mapped type forces one entry per code; a new code without words does not compile.
// `{name}` placeholders are filled from the error's params by formatErrorText.
import type { ErrorCode } from './error-codes.js';

export interface CatalogEntry {
  /** A few words for a badge or a failed step ("Key refused"): no placeholders. */
  readonly summary: string;
  readonly message: string;
  readonly remediation: string;
  readonly retryable: boolean;
}

export const ERROR_CATALOG: { readonly [C in ErrorCode]: CatalogEntry } = {
  VALIDATION_FAILED: {
    summary: 'Details need fixing',
    message: 'Some of the details you entered need fixing.',
    remediation: 'Look at the fields marked below, correct them, and save again.',
    retryable: false,
  },
  PROFILE_NOT_FOUND: {
    summary: 'Profile gone',
    message: 'That profile no longer exists.',
    remediation: 'It may have been deleted in another window. Refresh the list and pick another profile.',
    retryable: false,
  },
  PROFILE_NONE_ACTIVE: {
    summary: 'No model chosen',
    message: 'No profile is in use yet, so there is no model to send this to.',
    remediation: 'Open LLM profiles and choose "Use this" on the profile you want, or add one first.',
    retryable: false,
  },
  PROFILE_NAME_TAKEN: {
    summary: 'Name already used',
    message: 'You already have a profile called "{name}".',
    remediation: 'Choose a different name (names are compared without regard to capital letters).',
    retryable: false,
  },
  PROFILE_REVISION_CONFLICT: {
    summary: 'Changed elsewhere',
    message: 'This profile was changed somewhere else while you were editing it.',
    remediation: 'Reload the profile to see the latest version, then make your change again.',
    retryable: false,
  },
  CONSENT_REQUIRED: {
    summary: 'Consent needed',
    message: 'This profile sends your prompts to {host}, which is not on this computer.',
    remediation:
      'Confirm that you agree to send prompts (and your API key) to {host}, or use a model server running on this computer.',
    retryable: false,
  },
  PROFILE_KEY_NEEDS_HTTPS: {
    summary: 'Key would travel unencrypted',
    message: 'Your API key would travel unencrypted over plain http to {host}, which is not on this computer.',
    remediation:
      'Use the https:// address of this server, or remove the API key if the server does not need one. Keys travel over plain http only to servers on this computer.',
    retryable: false,
  },
  VAULT_ENCRYPTION_UNAVAILABLE: {
    summary: 'Secure storage unavailable',
    message: "Your computer's secure storage is not available, so nothing can be saved right now.",
    remediation:
      'Unlock your system keychain or keyring (on Linux: GNOME Keyring or KWallet must be running and unlocked), then restart the app. Your saved profiles can still be viewed.',
    retryable: true,
  },
  PROFILE_HEADERS_NEED_HTTPS: {
    summary: 'Headers would travel unencrypted',
    message:
      'Your extra header values would travel unencrypted over plain http to {host}, which is not on this computer.',
    remediation:
      'Use the https:// address of this server, or remove the extra headers. Header values travel over plain http only to servers on this computer.',
    retryable: false,
  },
  VAULT_WEAK_ENCRYPTION_NOT_ALLOWED: {
    summary: 'Key storage too weak',
    message: 'Only weak protection is available for API keys on this computer, so the key was not saved.',
    remediation:
      'Install and unlock a keyring (GNOME Keyring or KWallet) and restart the app, or explicitly allow weak key storage in the storage banner.',
    retryable: false,
  },
  VAULT_ENCRYPTION_FAILED: {
    summary: 'Key not encrypted',
    message: 'Your API key could not be encrypted, so nothing was saved.',
    remediation: 'Make sure your system keychain or keyring is unlocked, then try again.',
    retryable: true,
  },
  VAULT_KEY_UNREADABLE: {
    summary: 'Saved key unreadable',
    message: 'The saved API key for this profile can no longer be read.',
    remediation:
      'This happens when the system keychain was reset or the profiles were copied from another computer. Enter the API key again and save.',
    retryable: false,
  },
  VAULT_HEADERS_UNREADABLE: {
    summary: 'Saved headers unreadable',
    message: 'The saved extra header values for this profile can no longer be read.',
    remediation:
      'This happens when the system keychain was reset or the profiles were copied from another computer. Enter the header values again and save.',
    retryable: false,
  },
  VAULT_DISK_FULL: {
    summary: 'Disk full',
    message: 'Your disk is full, so the change was not saved.',
    remediation: 'Free some disk space, then try again. Nothing was lost.',
    retryable: true,
  },
  VAULT_PERMISSION_DENIED: {
    summary: 'Data folder not writable',
    message: 'The app is not allowed to write to its data folder, so the change was not saved.',
    remediation: 'Check that your user can write to {path}, then try again. Nothing was lost.',
    retryable: true,
  },
  VAULT_WRITE_FAILED: {
    summary: 'Could not save',
    message: 'The change could not be written to disk.',
    remediation: 'Try again. If it keeps happening, check the disk for errors. Nothing was lost.',
    retryable: true,
  },
  VAULT_NEWER_VERSION: {
    summary: 'Saved by a newer app',
    message: 'Your profiles were saved by a newer version of this app.',
    remediation: 'Install the latest version of the app to open them. Nothing was changed or deleted.',
    retryable: false,
  },
  TRANSFER_FILE_TOO_LARGE: {
    summary: 'File too large',
    message: 'That file is larger than {maxSize}, so it is not a profiles file from this app.',
    remediation: 'Choose the file this app exported. Nothing was imported.',
    retryable: false,
  },
  TRANSFER_FILE_INVALID: {
    summary: 'Not a profiles file',
    message: 'That file is not a profiles file this app can read: {problem}.',
    remediation: 'Choose a file this app exported, or export it again on the other computer. Nothing was imported.',
    retryable: false,
  },
  TRANSFER_VERSION_NEWER: {
    summary: 'Made by a newer app',
    message: 'That file was exported by a newer version of this app (file version {version}).',
    remediation: 'Install the latest version of the app to import it. Nothing was imported.',
    retryable: false,
  },
  TRANSFER_PASSPHRASE_WRONG: {
    summary: 'Wrong passphrase',
    message: 'That passphrase does not open the keys in this file.',
    remediation:
      'Type the passphrase used when the file was exported, or import without the keys. Nothing was imported.',
    retryable: true,
  },
  TRANSFER_PREVIEW_STALE: {
    summary: 'Profiles changed meanwhile',
    message: 'Your profiles changed after the preview was made, so it no longer says what would happen.',
    remediation: 'Look at the new preview and confirm again. Nothing was imported.',
    retryable: true,
  },
  SUPPORT_BUNDLE_SECRET_FOUND: {
    summary: 'Bundle not saved',
    message: 'The support bundle was not saved: a key or other secret was found in it ({files}).',
    remediation:
      'Nothing was written. Save it again without profile names; if it is refused again, send the reference below instead.',
    retryable: false,
  },
  PROVIDER_CONNECTION_REFUSED: {
    summary: 'Could not connect',
    message: 'Nothing is answering at {host}.',
    remediation: '{startHint} Then run the test again.',
    retryable: true,
  },
  PROVIDER_CONNECTION_FAILED: {
    summary: 'Connection broke off',
    message: 'The connection to {host} broke off.',
    remediation: 'Check your network connection and that the server is still running, then test again.',
    retryable: true,
  },
  PROVIDER_DNS_FAILED: {
    summary: 'Address not found',
    message: 'The address {host} could not be found.',
    remediation: 'Check the spelling of the server address and your internet connection.',
    retryable: true,
  },
  PROVIDER_TLS_FAILED: {
    summary: 'Certificate not trusted',
    message: 'The secure connection to {host} could not be trusted: {certProblem} ({tlsCode}).',
    remediation:
      "If your school or office checks secure connections, ask its IT administrator to install their certificate in this computer's certificate store (Keychain Access on a Mac, the Windows certificate store, the system certificate store on Linux): the app trusts that store, as your browser does. Otherwise check the address; use http:// only for servers on your own computer.",
    retryable: false,
  },
  PROVIDER_PROXY_FAILED: {
    summary: 'Proxy refused',
    message: 'The proxy {proxy} set for this profile did not pass the request on: {proxyProblem}.',
    remediation:
      'Check the proxy address, user name and password under "Network" in the profile (your network\'s administrator has them), or choose "Use this computer\'s proxy settings" there.',
    retryable: false,
  },
  PROVIDER_TIMEOUT: {
    summary: 'Took too long',
    message: 'The server did not finish answering within {seconds} seconds.',
    remediation: '{advice}',
    retryable: true,
  },
  PROVIDER_CONNECT_TIMEOUT: {
    summary: 'No answer',
    message: 'The server at {host} did not answer within {seconds} seconds.',
    remediation: '{advice}',
    retryable: true,
  },
  PROVIDER_FIRST_TOKEN_TIMEOUT: {
    summary: 'Model too slow to start',
    message: 'The server answered, but the model did not start its reply within {seconds} seconds.',
    remediation: '{advice}',
    retryable: true,
  },
  PROVIDER_LOAD_TIMEOUT: {
    summary: 'Model still loading',
    message: 'The model "{model}" did not finish loading into memory within {limit}.',
    remediation: '{advice}',
    retryable: true,
  },
  PROVIDER_SILENT: {
    summary: 'Went quiet',
    message: 'The server sent nothing for {seconds} seconds, so the reply was given up.',
    remediation:
      'The model may be stuck or the computer busy: send the message again, or look at the model server’s own window or log.',
    retryable: true,
  },
  PROVIDER_AUTH_FAILED: {
    summary: 'Key refused',
    message: '{provider} did not accept the API key.',
    remediation:
      'Check that you copied the whole key and that it is still active, then save it again with "Replace key".',
    retryable: false,
  },
  PROVIDER_KEY_NEEDED: {
    summary: 'Key needed',
    message: '{provider} needs an API key, and this profile has none saved.',
    remediation: '{keyHint} Then add it to this profile with "Edit" and test again.',
    retryable: false,
  },
  PROVIDER_MODEL_NOT_RUNNING: {
    summary: 'Model not running',
    message: '{provider} knows the model "{model}", but it is not running.',
    remediation: '{runHint}',
    retryable: true,
  },
  PROVIDER_MODEL_LOADING: {
    summary: 'Model loading',
    message: '{provider} is still loading the model.',
    remediation:
      'The model is still loading into memory; large models can take a minute. Wait {retryAfter} and try again.',
    retryable: true,
  },
  PROVIDER_DEPLOYMENT_NOT_FOUND: {
    summary: 'Deployment not found',
    message: 'Azure OpenAI has no deployment called "{deployment}" on this resource.',
    remediation:
      'Check the deployment name in the Azure portal (your resource, then Model deployments): it is the name you gave the deployment, which can differ from the name of the model it runs. A deployment created in the last few minutes may need a moment more.',
    retryable: false,
  },
  PROVIDER_MODEL_NOT_FOUND: {
    summary: 'Model not found',
    message: 'The server does not have a model called "{model}".',
    remediation: '{modelHint}',
    retryable: false,
  },
  PROVIDER_ENDPOINT_NOT_FOUND: {
    summary: 'Wrong address',
    message: 'The server answered "not found" for {url}.',
    remediation: '{pathHint}',
    retryable: false,
  },
  PROVIDER_RATE_LIMITED: {
    summary: 'Too many requests',
    message: '{provider} is limiting how many requests you can send.',
    remediation: 'Wait {retryAfter} and try again.',
    retryable: true,
  },
  PROVIDER_QUOTA_EXCEEDED: {
    summary: 'No credit left',
    message: 'Your {provider} account has no credit or quota left.',
    remediation: "Check your plan and billing on the provider's website, then try again.",
    retryable: false,
  },
  PROVIDER_OVERLOADED: {
    summary: 'Server busy',
    message: '{provider} is overloaded right now.',
    remediation: 'This is temporary and not caused by your settings. Try again in a minute.',
    retryable: true,
  },
  PROVIDER_SERVER_ERROR: {
    summary: 'Server error',
    message: '{provider} had an internal problem (HTTP {status}).',
    remediation:
      "Try again later. For a server on your computer, look at the server's own window or log for the cause.",
    retryable: true,
  },
  PROVIDER_BAD_REQUEST: {
    summary: 'Request refused',
    message: '{provider} refused the request (HTTP {status}): {detail}',
    remediation: 'Check the model name and the other settings of the profile.',
    retryable: false,
  },
  PROVIDER_MALFORMED_RESPONSE: {
    summary: 'Unexpected answer',
    message: "The server's answer was not in the format {provider} uses.",
    remediation:
      'Check that the provider type matches the server, for example "Ollama" for Ollama\'s own address or "OpenAI-compatible" for a /v1 address.',
    retryable: false,
  },
  PROVIDER_STREAM_ERROR: {
    summary: 'Stopped with an error',
    message: '{provider} stopped with an error while answering: {detail}',
    remediation: 'Try again. If it keeps happening, try another model.',
    retryable: true,
  },
  PROVIDER_EMPTY_REPLY: {
    summary: 'No reply',
    message: 'The server answered, but the model produced no text.',
    remediation:
      "Reasoning models can spend a short reply thinking before they write: try a non-reasoning model or a longer reply, or check the model name and the server's log.",
    retryable: true,
  },
  PROVIDER_RESPONSE_TOO_LARGE: {
    summary: 'Answer too large',
    message: 'The server sent more than {limit} for a short answer, so the app stopped reading.',
    remediation: 'Check that the address points at a model API, not at a file or a web page.',
    retryable: false,
  },
  PROVIDER_REDIRECT_BLOCKED: {
    summary: 'Redirect refused',
    message: 'The server tried to send the request on to {location}.',
    remediation:
      'To keep your API key safe the app does not follow redirects. Put the final address in the profile instead.',
    retryable: false,
  },
  IPC_FORBIDDEN_SENDER: {
    summary: 'Request refused',
    message: 'This request did not come from the app window, so it was refused.',
    remediation: 'Use the app window itself. If you see this inside the app, restart it.',
    retryable: false,
  },
  IPC_MALFORMED_REQUEST: {
    summary: 'Request not understood',
    message: 'The app window sent a request this version of the app does not understand.',
    remediation: 'Restart the app. If it keeps happening, report it with the reference below.',
    retryable: false,
  },
  IPC_SCAN_IN_PROGRESS: {
    summary: 'Scan already running',
    message: 'A search for model servers is already running in this window.',
    remediation: 'Wait for it to finish (it takes a few seconds), or stop it, then search again.',
    retryable: true,
  },
  IPC_TOO_MANY_REQUESTS: {
    summary: 'Too many at once',
    message: 'This window already has {limit} connection tests or model lists running.',
    remediation: 'Wait for one of them to finish, then try again.',
    retryable: true,
  },
  IPC_TOO_MANY_SUBSCRIPTIONS: {
    summary: 'Too many live views',
    message: 'This window has more than {limit} live updates open at once, so no more were started.',
    remediation: 'Reload the window (View → Reload). If it keeps happening, report it with the reference below.',
    retryable: false,
  },
  APP_WINDOW_LOAD_FAILED: {
    summary: 'Window could not load',
    message: 'The app’s page could not be loaded, so this window has nothing to show.',
    remediation: 'Close LLM Profiles and start it again. If it keeps happening, report it with the reference below.',
    retryable: true,
  },
  APP_WINDOW_CRASHED: {
    summary: 'Window stopped',
    message: 'The part of the app that draws this window stopped unexpectedly before it could start.',
    remediation: 'Close LLM Profiles and start it again. If it keeps happening, report it with the reference below.',
    retryable: true,
  },
  INTERNAL: {
    summary: 'Something went wrong',
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
    summary: entry.summary,
    message: formatErrorText(entry.message, params),
    remediation: formatErrorText(entry.remediation, params),
    retryable: entry.retryable,
  };
}

/** Titles of the main process's own notices (a start-up failure, a window that could not show the app). */
export const APP_NOTICE_TITLES = {
  startFailed: 'LLM Profiles could not start',
  windowFailed: 'LLM Profiles could not open its window',
} as const;

/**
 * What the storage banner says beyond the errors above: what a storage state blocks and why, and what a repair
 * of the profiles file did. The banner takes its "how to fix it" from the VAULT_* entries.
 */
export const STORAGE_NOTICES = {
  unavailableBlocks:
    'Adding, changing, activating or deleting profiles is blocked until it is back, so that no API key is ever stored unprotected.',
  weakExplained:
    'No keyring was found ({backend}), so a saved key would be protected only by a password that is the same on every computer. Profiles without keys work normally; saving a key is blocked.',
  weakOptIn: 'Allow weak storage only if this computer is yours alone:',
  weakAllowed: 'Weak key storage is allowed on this computer.',
  weakAllowedSince: 'Weak key storage is allowed on this computer (since {date}).',
  restoredOne: 'The last good copy was restored (1 profile). The most recent change may be missing.',
  restoredMany: 'The last good copy was restored ({count} profiles). The most recent change may be missing.',
  startedEmpty: 'No good copy was found, so the app started with an empty list.',
  quarantined: 'The damaged file was kept unchanged at {path}.',
  unreadableKeysOne: '1 saved API key can no longer be read: edit its profile.',
  unreadableKeysMany: '{count} saved API keys can no longer be read: edit those profiles.',
  damagedCopiesOne:
    'A damaged copy of your profiles file is kept in the app folder. It may hold old, encrypted API keys; it is removed after {days} days, or now if you like.',
  damagedCopiesMany:
    '{count} damaged copies of your profiles file are kept in the app folder. They may hold old, encrypted API keys; each is removed after {days} days, or now if you like.',
  damagedCopiesRemoved: 'The damaged copies were removed.',
} as const;
