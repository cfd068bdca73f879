// chat.stream as every feature of the learning app sees it: the conversation so far in (system, user and
// assistant turns, bounded so one window cannot hand the main process megabytes per call), the reply out as text
// deltas, then one end event with why the model stopped, the tokens and the timing. The connection test is one
// call of the same stream with a fixed prompt, so what the test proves is what chat does.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';
import { ProfileIdSchema } from './profile.contract.js';
import { TestMetricsSchema } from './provider-test.contract.js';

export const CHAT_LIMITS = {
  messagesMax: 200,
  /** One turn: a long pasted text fits, a whole book does not. */
  messageCharsMax: 100_000,
  /** All turns together. */
  totalCharsMax: 400_000,
  maxTokensMax: 32_768,
  /** Without a byte from the server for this long, the reply is given up (a hung server never answers). */
  idleDefaultMs: 60_000,
  silenceMinMs: 1_000,
  silenceMaxMs: 10 * 60_000,
  totalMaxMs: 60 * 60_000,
  /** The most one reply may send, counted in bytes on the wire. */
  responseBytesMax: 8 * 1024 * 1024,
} as const;

export const DEFAULT_CHAT_MAX_TOKENS = 1024;
export const DEFAULT_CHAT_TEMPERATURE = 0.7;

export const ChatRoleSchema = z.enum(['system', 'user', 'assistant']);

export const ChatMessageSchema = z.strictObject({
  role: ChatRoleSchema,
  content: z
    .string({ error: fieldMessage('chatMessageText') })
    .max(
      CHAT_LIMITS.messageCharsMax,
      fieldMessage('chatMessageTooLong', { max: CHAT_LIMITS.messageCharsMax.toLocaleString('en') }),
    ),
});

export const MAX_TOKENS_MESSAGE = fieldMessage('chatMaxTokens', { max: CHAT_LIMITS.maxTokensMax.toLocaleString('en') });

export const ChatStreamInputSchema = z
  .strictObject({
    /** The profile to use; without it, the active one. */
    profileId: ProfileIdSchema.optional(),
    messages: z
      .array(ChatMessageSchema, { error: fieldMessage('chatMessagesRequired') })
      .min(1, fieldMessage('chatMessagesRequired'))
      .max(CHAT_LIMITS.messagesMax, fieldMessage('chatTooManyMessages', { max: CHAT_LIMITS.messagesMax })),
    maxTokens: z
      .number({ error: MAX_TOKENS_MESSAGE })
      .int(MAX_TOKENS_MESSAGE)
      .min(1, MAX_TOKENS_MESSAGE)
      .max(CHAT_LIMITS.maxTokensMax, MAX_TOKENS_MESSAGE)
      .optional(),
    temperature: z
      .number({ error: fieldMessage('chatTemperature') })
      .min(0, fieldMessage('chatTemperature'))
      .max(2, fieldMessage('chatTemperature'))
      .optional(),
    /** The reply's own limits: by default none on the whole reply, and 60 s without a byte from the server. */
    limits: z
      .strictObject({
        silenceMs: z
          .number({ error: fieldMessage('chatLimit') })
          .int(fieldMessage('chatLimit'))
          .min(CHAT_LIMITS.silenceMinMs, fieldMessage('chatLimit'))
          .max(CHAT_LIMITS.silenceMaxMs, fieldMessage('chatLimit'))
          .optional(),
        totalMs: z
          .number({ error: fieldMessage('chatLimit') })
          .int(fieldMessage('chatLimit'))
          .min(CHAT_LIMITS.silenceMinMs, fieldMessage('chatLimit'))
          .max(CHAT_LIMITS.totalMaxMs, fieldMessage('chatLimit'))
          .optional(),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    const total = input.messages.reduce((sum, m) => sum + m.content.length, 0);
    if (total > CHAT_LIMITS.totalCharsMax)
      ctx.addIssue({
        code: 'custom',
        path: ['messages'],
        message: fieldMessage('chatTooLong', { max: CHAT_LIMITS.totalCharsMax.toLocaleString('en') }),
      });
    if (!input.messages.some((m) => m.role !== 'system' && m.content.trim() !== ''))
      ctx.addIssue({ code: 'custom', path: ['messages'], message: fieldMessage('chatNothingToAnswer') });
  });
export type ChatStreamInput = z.input<typeof ChatStreamInputSchema>;

/**
 * Why the model stopped, in the same words whatever the provider: it was done, it hit the token limit, a filter
 * stopped it, it wants to call a tool, or something else (the server's own word is in `serverReason`).
 */
export const FINISH_REASONS = ['stop', 'length', 'content-filter', 'tool-call', 'other'] as const;
export const FinishReasonSchema = z.enum(FINISH_REASONS);
export type FinishReason = z.infer<typeof FinishReasonSchema>;

export const ChatStreamEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    profileId: z.string(),
    model: z.string(),
    /** The exact URL the request went to (never carries a key). */
    endpoint: z.string(),
  }),
  z.object({
    type: z.literal('delta'),
    text: z.string(),
    /** Thinking a reasoning model shows before its answer; not part of the answer. */
    reasoning: z.boolean(),
  }),
  z.object({
    type: z.literal('end'),
    finishReason: FinishReasonSchema.nullable(),
    serverReason: z.string().max(64).nullable(),
    inputTokens: z.number().int().nonnegative().nullable(),
    figures: TestMetricsSchema,
  }),
]);
export type ChatStreamEvent = z.infer<typeof ChatStreamEventSchema>;
