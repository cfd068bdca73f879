// What every procedure receives: the core's services and the correlation id of this call. Transport-free
// (the IPC server and createCaller both build it), as in tRPC's createContextInner pattern.
import type { Core } from '../create-core.js';

export interface TrpcContext {
  readonly core: Core;
  readonly correlationId: string;
}

export function createContextInner(core: Core, correlationId: string): TrpcContext {
  return { core, correlationId };
}
