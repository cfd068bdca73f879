// profiles.* procedures: thin adapters from tRPC to ProfileService. The changes subscription lets every
// open window hear about a mutation made in any other.
import type { ChangeEvent } from '../../shared/change.contract.js';
import type {
  ProfileActivateInput,
  ProfileCreateInput,
  ProfileDeleteInput,
  ProfileGetInput,
  ProfileUpdateInput,
} from '../../shared/profile.contract.js';
import type { ProfileModelsInput } from '../../shared/models.contract.js';
import type { ProfileTestInput, TestEvent } from '../../shared/provider-test.contract.js';
import { subscribeToFeed } from './feed-iterator.js';
import { procedure, router, typedInput } from './init.js';

export const profilesRouter = router({
  list: procedure.query(({ ctx }) => ctx.core.profiles.list()),
  get: procedure.input(typedInput<ProfileGetInput>()).query(({ ctx, input }) => ctx.core.profiles.get(input)),
  create: procedure
    .input(typedInput<ProfileCreateInput>())
    .mutation(({ ctx, input }) => ctx.core.profiles.create(input)),
  update: procedure
    .input(typedInput<ProfileUpdateInput>())
    .mutation(({ ctx, input }) => ctx.core.profiles.update(input)),
  delete: procedure
    .input(typedInput<ProfileDeleteInput>())
    .mutation(({ ctx, input }) => ctx.core.profiles.delete(input)),
  activate: procedure
    .input(typedInput<ProfileActivateInput>())
    .mutation(({ ctx, input }) => ctx.core.profiles.activate(input)),
  /** Streams the connection test's phases, then its result. Stopping the subscription cancels the test. */
  test: procedure
    .input(typedInput<ProfileTestInput>())
    .subscription(({ ctx, input, signal }): AsyncGenerator<TestEvent> => ctx.core.connectionTest.run(input, signal)),
  /** A mutation, not a query: it may contact a server (and carry a draft key), so it runs only when asked. */
  models: procedure
    .input(typedInput<ProfileModelsInput>())
    .mutation(({ ctx, input, signal }) => ctx.core.models.list(input, signal)),
  changes: procedure.subscription(({ ctx, signal }): AsyncGenerator<ChangeEvent> =>
    subscribeToFeed(ctx.core.changes, signal),
  ),
});
