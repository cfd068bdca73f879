// Which of a failed save's field errors still stand: one goes as soon as the learner edits its field (the next
// save checks it again), by the names the server gives fields.
import type { FormValues } from './form-model.js';

/** The error fields a change of these form values answers: their errors are stale once the learner edits them. */
const ERROR_FIELDS: Partial<Record<keyof FormValues, readonly string[]>> = {
  timeoutSeconds: ['timeoutMs'],
  loadMinutes: ['loadTimeoutMs'],
  consentOrigin: ['remoteConsent'],
  keyAction: ['apiKey'],
  proxyMode: ['proxy', 'proxy.url', 'proxy.username', 'proxyPassword'],
  proxyUrl: ['proxy', 'proxy.url'],
  proxyUsername: ['proxy.username', 'proxyPassword'],
  removeProxyPassword: ['proxyPassword'],
  kind: ['kind', 'preset'],
};

/** The error fields that `patch` edits (a header row edit answers every header error). */
export function editedErrorFields(patch: Partial<FormValues>): string[] {
  return Object.keys(patch).flatMap((key) => ERROR_FIELDS[key as keyof FormValues] ?? [key]);
}

/** The field errors still standing: those of fields not edited since the save that found them. */
export function standingErrors(errors: Record<string, string>, edited: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => !edited.has(field) && !edited.has(field.split('.')[0]!)),
  );
}
