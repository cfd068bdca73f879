// Turns zod's issues into one learner-facing message per form field, and parses untrusted input at the
// core's edge so a malformed call always ends as VALIDATION_FAILED naming the field, never as a crash.
import type { z } from 'zod';
import type { FieldError } from '../../shared/errors/app-error-data.contract.js';
import { fieldMessage } from '../../shared/errors/field-messages.js';
import { AppError } from './app-error.js';

/** Wrapper objects whose names the learner never sees: `patch.name` is the form's `name` field. */
const WRAPPERS = new Set(['patch']);

/** Field names come from the caller: an unknown one may be anything, so only its start is repeated back. */
const FIELD_NAME_MAX = 40;
const UNKNOWN_FIELDS_MAX = 10;

function shortened(name: string): string {
  return name.length > FIELD_NAME_MAX ? `${name.slice(0, FIELD_NAME_MAX)}…` : name;
}

function fieldName(path: readonly PropertyKey[]): string {
  const parts = path.map(String).filter((part, index) => !(index === 0 && WRAPPERS.has(part)));
  return parts.length === 0 ? 'input' : shortened(parts.join('.'));
}

/** An issue in the Standard Schema shape (what tRPC reports for a validator it does not know). */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

export function fieldErrorsFromIssues(issues: readonly StandardIssue[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const field = fieldName((issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)));
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, UNKNOWN_FIELDS_MAX)) {
        const field = fieldName([...issue.path, key]);
        if (!byField.has(field)) byField.set(field, fieldMessage('unknownField', { field: shortened(key) }));
      }
      continue;
    }
    const field = fieldName(issue.path);
    if (!byField.has(field)) {
      byField.set(field, field === 'input' ? fieldMessage('malformedRequest') : issue.message);
    }
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromZod(result.error) });
  return result.data;
}
