// discovery.* procedures: scan this computer for model servers, streaming progress.
import { DiscoveryEventSchema, DiscoveryScanInputSchema } from '../../shared/discovery.contract.js';
import { procedure, router, typedInput } from './trpc.js';

export const discoveryRouter = router({
  scan: procedure
    .meta({
      summary: 'Looks for model servers on this computer (loopback only) and streams what it finds.',
      output: DiscoveryEventSchema,
      errors: [],
    })
    .input(typedInput(DiscoveryScanInputSchema))
    .subscription(({ ctx, input, signal }) => ctx.services.discovery.scanRequest(input, signal)),
});
