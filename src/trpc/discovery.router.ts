// discovery.* procedures: scan this computer for model servers, streaming progress.
import type { DiscoveryEvent, DiscoveryScanInput } from '../../shared/discovery.contract.js';
import { procedure, router, typedInput } from './init.js';

export const discoveryRouter = router({
  scan: procedure
    .input(typedInput<DiscoveryScanInput>())
    .subscription(({ ctx, input, signal }): AsyncGenerator<DiscoveryEvent> =>
      ctx.core.discovery.scanRequest(input, signal),
    ),
});
