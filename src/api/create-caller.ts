// Calls procedures in-process, through the router (its error formatter and metadata included) but without any
// transport: for fast router-level tests, as in tRPC's own createCaller pattern.
import type { CoreServices } from '../core.js';
import { appRouter } from './app.router.js';
import { createContextInner } from './context.js';
import { createCallerFactory } from './trpc.js';

const factory = createCallerFactory(appRouter);

export function createCaller(services: CoreServices, correlationId = services.ids.correlationId()) {
  return factory(createContextInner(services, correlationId));
}
