// chat.* procedures: the API the app's other features use to talk to the learner's model. A thin adapter from
// tRPC to ChatService; stopping the subscription cancels the request.
import { ChatStreamEventSchema, ChatStreamInputSchema } from '../../shared/chat.contract.js';
import { ERROR_CODES } from '../../shared/errors/error-codes.js';
import { procedure, router, typedInput } from './trpc.js';

export const chatRouter = router({
  stream: procedure
    .meta({
      summary:
        'Streams the reply of the given profile’s model (or the active one) to the messages: start, text deltas, then why it stopped, the tokens and the timing.',
      output: ChatStreamEventSchema,
      errors: [
        'PROFILE_NOT_FOUND',
        'PROFILE_NONE_ACTIVE',
        'CONSENT_REQUIRED',
        'VAULT_ENCRYPTION_UNAVAILABLE',
        'VAULT_KEY_UNREADABLE',
        'VAULT_HEADERS_UNREADABLE',
        'PROFILE_KEY_NEEDS_HTTPS',
        'PROFILE_HEADERS_NEED_HTTPS',
        ...ERROR_CODES.filter((code) => code.startsWith('PROVIDER_')),
      ],
    })
    .input(typedInput(ChatStreamInputSchema))
    .subscription(({ ctx, input, signal }) => ctx.services.chat.stream(input, signal)),
});
