// discovery.* procedures: scan this computer for model servers, streaming progress.
import type { DiscoveryEvent } from '../../shared/discovery.contract.js';
import { procedure, router } from './init.js';

export const discoveryRouter = router({
  scan: procedure.subscription(({ ctx, signal }): AsyncGenerator<DiscoveryEvent> => ctx.core.discovery.scan(signal)),
});
