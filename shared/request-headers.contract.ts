// Extra request headers a learner adds to a profile (a gateway's access token, a router's attribution): which
// names may be set (HTTP token characters, never one the app or the HTTP client controls), which values are
// safe to put on the wire (no line breaks, so no header can be smuggled in), and how an edit keeps a saved value.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';

export const HEADER_LIMITS = { count: 16, nameMax: 64, valueMax: 4096 } as const;

/**
 * Names the app sets itself (media types, every provider's auth, Anthropic's version) or the HTTP client owns
 * (framing, connection, encoding), and credentials or state the app never sends. Compared in lower case.
 */
const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'accept',
  'accept-encoding',
  'accept-charset',
  'authorization',
  'api-key',
  'x-api-key',
  'x-goog-api-key',
  'anthropic-version',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'cookie',
  'cookie2',
  'set-cookie',
  'origin',
  'via',
  'date',
]);
const RESERVED_HEADER_PREFIXES = ['proxy-', 'sec-'] as const;

/** RFC 9110 token characters: what a field name is made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** CR, LF and NUL: the characters that would end a header line early. */
const LINE_BREAK_OR_NUL = /[\r\n\0]/;
/** Visible ASCII, space and Latin-1 letters and symbols: what a field value may carry as single bytes. */
const FIELD_VALUE = /^[\x20-\x7e\xa0-\xff]*$/;

export function isReservedHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADER_NAMES.has(lower) || RESERVED_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Names are compared without regard to letter case, as HTTP does. */
export function sameHeaderName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const requiredText = (missing: string, wrongType: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : wrongType) });

/** A header name as stored: token characters within the limit (the reserved list is checked on input). */
export const StoredHeaderNameSchema = requiredText(fieldMessage('headerNameRequired'), fieldMessage('headerNameText'))
  .trim()
  .min(1, fieldMessage('headerNameRequired'))
  .max(HEADER_LIMITS.nameMax, fieldMessage('headerNameTooLong', { max: HEADER_LIMITS.nameMax }))
  .regex(TOKEN, fieldMessage('headerNameCharacters'));

export const HeaderNameSchema = StoredHeaderNameSchema.superRefine((name, ctx) => {
  if (isReservedHeaderName(name))
    ctx.addIssue({ code: 'custom', message: fieldMessage('headerNameReserved', { name }) });
});

export const HeaderValueSchema = requiredText(fieldMessage('headerValueRequired'), fieldMessage('headerValueText'))
  .trim()
  .min(1, fieldMessage('headerValueRequired'))
  .max(HEADER_LIMITS.valueMax, fieldMessage('headerValueTooLong', { max: HEADER_LIMITS.valueMax }))
  .superRefine((value, ctx) => {
    if (LINE_BREAK_OR_NUL.test(value)) ctx.addIssue({ code: 'custom', message: fieldMessage('headerValueLineBreak') });
    else if (!FIELD_VALUE.test(value)) ctx.addIssue({ code: 'custom', message: fieldMessage('headerValueCharacters') });
  });

/** A header and its value, as create sends it and as the core holds it once decrypted. */
export interface RequestHeader {
  readonly name: string;
  readonly value: string;
}

/** The checks on a whole list: how many, and each name once without regard to case (flagged on the later one). */
function checkList(list: ReadonlyArray<{ name: string }>, ctx: z.RefinementCtx): void {
  if (list.length > HEADER_LIMITS.count) {
    ctx.addIssue({ code: 'custom', message: fieldMessage('headersTooMany', { max: HEADER_LIMITS.count }) });
    return;
  }
  const seen = new Set<string>();
  list.forEach((header, index) => {
    const lower = header.name.toLowerCase();
    if (seen.has(lower))
      ctx.addIssue({
        code: 'custom',
        message: fieldMessage('headerNameDuplicate', { name: header.name }),
        path: [index, 'name'],
      });
    seen.add(lower);
  });
}

const HeaderSchema = z.strictObject({ name: HeaderNameSchema, value: HeaderValueSchema });

/** What create takes: every header with its value. */
export const HeaderListSchema = z.array(HeaderSchema, { error: fieldMessage('headersList') }).superRefine(checkList);

/**
 * One header of an edit: a new value, or `keep: true` to keep the value saved under that name (compared without
 * regard to case), so a form that never had the values can still change the list around them.
 */
const HeaderEditSchema = z
  .strictObject({
    name: HeaderNameSchema,
    value: HeaderValueSchema.optional(),
    keep: z.literal(true, { error: fieldMessage('headerKeepTrue') }).optional(),
  })
  .superRefine((header, ctx) => {
    if (header.value === undefined && header.keep === undefined)
      ctx.addIssue({ code: 'custom', message: fieldMessage('headerValueRequired'), path: ['value'] });
    if (header.value !== undefined && header.keep !== undefined)
      ctx.addIssue({ code: 'custom', message: fieldMessage('headerValueOrKeep'), path: ['value'] });
  });

export type HeaderEdit = z.output<typeof HeaderEditSchema>;

/** What update and a model-list draft take: the whole list, each entry a value or a kept one. */
export const HeaderEditListSchema = z
  .array(HeaderEditSchema, { error: fieldMessage('headersList') })
  .superRefine(checkList);
