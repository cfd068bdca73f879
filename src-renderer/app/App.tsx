// The app shell: query + tRPC providers over the IPC link, live updates from other windows, the screen.
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen.js';
import { TRPCProvider, createClients } from './trpc.js';
import { useLiveUpdates } from './use-live-updates.js';

function LiveScreen() {
  useLiveUpdates();
  return <ProfilesScreen />;
}

export function App() {
  const [{ queryClient, trpcClient }] = useState(() => createClients());
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <LiveScreen />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
