// Typed tRPC hooks for the renderer over the IPC link. The renderer knows the API only by its type.
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../src/index.js';
import type { ElectronTrpcBridge } from '../../shared/ipc-protocol.js';
import { ipcLink } from '../ipc/ipc-link.js';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createClients(bridge?: ElectronTrpcBridge) {
  const queryClient = new QueryClient({
    defaultOptions: {
      // Everything is local IPC: no refetch on focus storms, no retries that would hide a typed error.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
  const trpcClient = createTRPCClient<AppRouter>({ links: [ipcLink<AppRouter>(bridge ? { bridge } : {})] });
  return { queryClient, trpcClient };
}
