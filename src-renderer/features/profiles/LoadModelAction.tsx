// "Load model" on a profile whose server loads models on request (Ollama, LM Studio): reads the model into
// memory without testing it, so the first real question is answered at once. The button stays focusable while
// the load runs (aria-disabled, repeat presses ignored) and the outcome is announced where it is shown.
import { useTRPC } from '../../app/trpc.js';
import { formatMs } from '../../components/format.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import type { LoadModelResult } from '../../../shared/provider-test.contract.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

function outcomeWords(result: LoadModelResult): string {
  if (!result.supported) return 'This server loads its model when it is first asked.';
  if (result.alreadyLoaded) return `${result.model} is already in memory.`;
  return `${result.model} is loaded (took ${formatMs(result.loadMs)}).`;
}

export function LoadModelAction({ profile }: { profile: ProfileView }) {
  const trpc = useTRPC();
  const load = useAppMutation(trpc.profiles.loadModel.mutationOptions());
  const message = load.pending ? `Loading ${profile.model} into memory…` : load.data ? outcomeWords(load.data) : '';
  return (
    <div className="load-model">
      <button
        type="button"
        className="button"
        aria-disabled={load.pending || undefined}
        aria-label={`Load the model of ${profile.name}`}
        onClick={() => {
          if (!load.pending) void load.run({ id: profile.id });
        }}
      >
        {load.pending ? 'Loading…' : 'Load model'}
      </button>
      {message ? <p className="muted load-model__status">{message}</p> : null}
      <LiveRegion message={message} />
      {load.error ? <ErrorNotice error={load.error} /> : null}
    </div>
  );
}
