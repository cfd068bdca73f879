// The shape of `error.data` every failed procedure carries across IPC. The renderer shows message,
// remediation and "Reference: <correlationId>"; fieldErrors put messages next to form fields.
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';

export const FieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const AppErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  remediation: z.string(),
  correlationId: z.string(),
  retryable: z.boolean(),
  fieldErrors: z.array(FieldErrorSchema).optional(),
});
export type AppErrorData = z.infer<typeof AppErrorDataSchema>;
