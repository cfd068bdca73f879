// The app shell: providers, then the profiles screen.
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TRPCProvider, createClients, useTRPC } from './trpc.js';

function ProfilesPlaceholder() {
  const trpc = useTRPC();
  const list = useQuery(trpc.profiles.list.queryOptions());
  return (
    <main>
      <h1>LLM Profiles</h1>
      <p>{list.data ? `${list.data.profiles.length} profiles` : 'Loading…'}</p>
    </main>
  );
}

export function App() {
  const [{ queryClient, trpcClient }] = useState(() => createClients());
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ProfilesPlaceholder />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
