// What every procedure receives: the core's services and the correlation id of this call. Transport-free (the
// IPC server and createCaller both build it), as in tRPC's createContextInner pattern; the context type is
// inferred from it, and nothing here imports a router.
import type { CoreServices } from '../core.js';

export function createContextInner(services: CoreServices, correlationId: string) {
  return { services, correlationId };
}

export type ApiContext = ReturnType<typeof createContextInner>;
