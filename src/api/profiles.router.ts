// profiles.* procedures: thin adapters from tRPC to the profile, test and model-listing services. The changes
// subscription lets every open window hear about a mutation made in any other.
import { ChangeEventSchema } from '../../shared/change.contract.js';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors/error-codes.js';
import { ModelListSchema, ProfileModelsInputSchema } from '../../shared/models.contract.js';
import {
  ProfileActivateInputSchema,
  ProfileCreateInputSchema,
  ProfileDeleteInputSchema,
  ProfileDuplicateInputSchema,
  ProfileDeleteResultSchema,
  ProfileGetInputSchema,
  ProfileListSchema,
  ProfileUpdateInputSchema,
  ProfileViewSchema,
} from '../../shared/profile.contract.js';
import {
  LoadModelResultSchema,
  ProfileLoadModelInputSchema,
  ProfileTestInputSchema,
  TestEventSchema,
} from '../../shared/provider-test.contract.js';
import { subscribeToChanges } from './change-subscription.js';
import { procedure, router, typedInput } from './trpc.js';

const WRITE_ERRORS = [
  'VAULT_ENCRYPTION_UNAVAILABLE',
  'VAULT_DISK_FULL',
  'VAULT_PERMISSION_DENIED',
  'VAULT_WRITE_FAILED',
] as const;

/** A model listing can end with any provider failure but the two that only a streamed reply has. */
const PROVIDER_ERRORS: readonly ErrorCode[] = [
  'CONSENT_REQUIRED',
  'PROFILE_NOT_FOUND',
  'VAULT_ENCRYPTION_UNAVAILABLE',
  'VAULT_KEY_UNREADABLE',
  'VAULT_HEADERS_UNREADABLE',
  'PROFILE_HEADERS_NEED_HTTPS',
  ...ERROR_CODES.filter(
    (code) => code.startsWith('PROVIDER_') && code !== 'PROVIDER_STREAM_ERROR' && code !== 'PROVIDER_EMPTY_REPLY',
  ),
];

export const profilesRouter = router({
  list: procedure
    .meta({ summary: 'Every saved profile and which one is active.', output: ProfileListSchema, errors: [] })
    .query(({ ctx }) => ctx.services.profiles.list()),
  get: procedure
    .meta({ summary: 'One profile.', output: ProfileViewSchema, errors: ['PROFILE_NOT_FOUND'] })
    .input(typedInput(ProfileGetInputSchema))
    .query(({ ctx, input }) => ctx.services.profiles.get(input)),
  create: procedure
    .meta({
      summary: 'Saves a new profile (and its key and extra header values, encrypted); a remote address needs consent.',
      output: ProfileViewSchema,
      errors: [
        'PROFILE_NAME_TAKEN',
        'CONSENT_REQUIRED',
        'PROFILE_HEADERS_NEED_HTTPS',
        'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
        'VAULT_ENCRYPTION_FAILED',
        ...WRITE_ERRORS,
      ],
    })
    .input(typedInput(ProfileCreateInputSchema))
    .mutation(({ ctx, input }) => ctx.services.profiles.create(input)),
  update: procedure
    .meta({
      summary:
        'Changes a profile at the revision the caller saw; the key and the extra headers are replaced, removed or kept.',
      output: ProfileViewSchema,
      errors: [
        'PROFILE_NOT_FOUND',
        'PROFILE_REVISION_CONFLICT',
        'PROFILE_NAME_TAKEN',
        'CONSENT_REQUIRED',
        'PROFILE_HEADERS_NEED_HTTPS',
        'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
        'VAULT_ENCRYPTION_FAILED',
        ...WRITE_ERRORS,
      ],
    })
    .input(typedInput(ProfileUpdateInputSchema))
    .mutation(({ ctx, input }) => ctx.services.profiles.update(input)),
  delete: procedure
    .meta({
      summary: 'Deletes a profile and its saved key.',
      output: ProfileDeleteResultSchema,
      errors: ['PROFILE_NOT_FOUND', 'PROFILE_REVISION_CONFLICT', ...WRITE_ERRORS],
    })
    .input(typedInput(ProfileDeleteInputSchema))
    .mutation(({ ctx, input }) => ctx.services.profiles.delete(input)),
  activate: procedure
    .meta({
      summary: 'Makes a profile the one the app uses; a remote one needs consent for its address.',
      output: ProfileViewSchema,
      errors: ['PROFILE_NOT_FOUND', 'CONSENT_REQUIRED', ...WRITE_ERRORS],
    })
    .input(typedInput(ProfileActivateInputSchema))
    .mutation(({ ctx, input }) => ctx.services.profiles.activate(input)),
  duplicate: procedure
    .meta({
      summary:
        'Copies a profile under a free “… (copy)” name, without consent; its key and other secrets only when kept.',
      output: ProfileViewSchema,
      errors: ['PROFILE_NOT_FOUND', 'VAULT_KEY_UNREADABLE', 'VAULT_HEADERS_UNREADABLE', ...WRITE_ERRORS],
    })
    .input(typedInput(ProfileDuplicateInputSchema))
    .mutation(({ ctx, input }) => ctx.services.profiles.duplicate(input)),
  /** Streams the connection test's phases, then its result. Stopping the subscription cancels the test. */
  test: procedure
    .meta({
      summary:
        'Streams a short test prompt’s phases, then the figures or the error (provider failures arrive in the result), for a saved profile or the unsaved values of a form.',
      output: TestEventSchema,
      errors: [
        'PROFILE_NOT_FOUND',
        'CONSENT_REQUIRED',
        'VAULT_ENCRYPTION_UNAVAILABLE',
        'VAULT_KEY_UNREADABLE',
        'VAULT_HEADERS_UNREADABLE',
        'PROFILE_HEADERS_NEED_HTTPS',
      ],
    })
    .input(typedInput(ProfileTestInputSchema))
    .subscription(({ ctx, input, signal }) => ctx.services.connectionTest.run(input, signal)),
  /** Reads the model into memory without testing it; cancelled when the caller goes away. */
  loadModel: procedure
    .meta({
      summary: 'Loads the profile’s model into memory on a local server that can (Ollama, LM Studio 0.4 or later).',
      output: LoadModelResultSchema,
      errors: PROVIDER_ERRORS,
    })
    .input(typedInput(ProfileLoadModelInputSchema))
    .mutation(({ ctx, input, signal }) => ctx.services.warmup.loadProfile(input, signal)),
  /** A mutation, not a query: it may contact a server (and carry a draft key), so it runs only when asked. */
  models: procedure
    .meta({
      summary: 'Lists the models a server offers, for a saved profile or the unsaved values of a form.',
      output: ModelListSchema,
      errors: PROVIDER_ERRORS,
    })
    .input(typedInput(ProfileModelsInputSchema))
    .mutation(({ ctx, input, signal }) => ctx.services.models.list(input, signal)),
  changes: procedure
    .meta({ summary: 'Tells every window what changed, as it happens.', output: ChangeEventSchema, errors: [] })
    .subscription(({ ctx, signal }) => subscribeToChanges(ctx.services.changes, signal)),
});
