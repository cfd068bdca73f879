// "Find model servers on this computer": scans loopback only, shows progress, then each server found —
// which one, its version, its models, whether it needs a key, whether a profile already uses it — with a
// one-step "Add as profile" (or the prefilled form when a key is needed).
import { ReadOnlyNote } from '../storage/ReadOnlyNote.js';
import { useWritable } from '../storage/use-writable.js';
import { EXTERNAL_LINKS } from '../../../shared/external-links.js';
import { useLayoutEffect, useRef, useState } from 'react';
import type { DiscoveredServer } from '../../../shared/discovery.contract.js';
import { loopbackPort } from '../../../shared/endpoint.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import type { Suggestion } from '../profile-form/form-model.js';
import { useDiscovery } from './use-discovery.js';
import { useStartOnOpen } from '../../hooks/use-start-on-open.js';

interface Props {
  readonly profiles: readonly ProfileView[];
  readonly onClose: () => void;
  readonly onOpenForm: (suggestion: Suggestion) => void;
  /** Opens the empty form (offered when nothing was found). */
  readonly onAddByHand: () => void;
  readonly onAdded: (profile: ProfileView) => void;
}

function uniqueName(base: string, taken: readonly ProfileView[]): string {
  const names = new Set(taken.map((p) => p.name.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i += 1) if (!names.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

function ServerCard({
  server,
  profiles,
  onOpenForm,
  onAdded,
}: { server: DiscoveredServer } & Omit<Props, 'onClose' | 'onAddByHand'>) {
  const trpc = useTRPC();
  const create = useAppMutation(trpc.profiles.create.mutationOptions());
  const { guard } = useWritable();
  const [model, setModel] = useState(server.suggestion.model ?? server.models[0] ?? '');
  // Said from inside the dialog: the page's own status region is hidden while the dialog is open.
  const [said, setSaid] = useState('');
  // The scan's list, plus anything added since (the profile list is live).
  const saved = profiles.filter(
    (p) => server.savedProfileIds.includes(p.id) || loopbackPort(p.baseUrl) === server.port,
  );
  const suggestion = server.suggestion;
  // Where it runs in words: the loopback address means "this computer"; the port tells two servers apart.
  const where = `on this computer, port ${server.port}${server.host === '::1' ? ' (IPv6)' : ''}`;
  const modelSelectId = `model-${server.host}-${server.port}`;

  const add = async () => {
    const prefilled: Suggestion = { ...suggestion, model: model || null, name: uniqueName(suggestion.name, profiles) };
    if (server.requiresKey || !model) return onOpenForm(prefilled);
    const profile = await create.run({
      name: prefilled.name,
      kind: suggestion.kind,
      ...(suggestion.preset && { preset: suggestion.preset }),
      baseUrl: suggestion.baseUrl,
      model,
    });
    // The list (and `profiles` here) picks it up from its change event.
    if (!profile) return;
    setSaid(`${profile.name} was added.`);
    onAdded(profile);
  };

  return (
    <li className="server-card" data-server={server.server}>
      <h3>
        {server.label} <span className="muted">{where}</span>
      </h3>
      <p className="server-card__facts">
        {server.version ? <>Version {server.version}. </> : null}
        {server.requiresKey ? <>Needs an API key. </> : <>No key needed. </>}
        {server.models.length} model{server.models.length === 1 ? '' : 's'} available.
      </p>
      {saved.length > 0 ? (
        <p className="badge badge--info">Already saved as {saved.map((p) => p.name).join(', ')}</p>
      ) : null}
      <div className="server-card__actions">
        {server.models.length > 0 ? (
          <div className="field field--inline">
            <label htmlFor={modelSelectId}>Model</label>
            <select id={modelSelectId} value={model} onChange={(e) => setModel(e.target.value)}>
              {server.models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button
          type="button"
          className="button button--primary"
          aria-disabled={create.pending}
          {...guard(() => !create.pending && void add())}
        >
          {server.requiresKey || !model ? `Set up ${server.label}…` : `Add ${server.label} as a profile`}
        </button>
      </div>
      {create.error ? <ErrorNotice error={create.error} title="The profile was not added" /> : null}
      <LiveRegion message={said} />
    </li>
  );
}

/** Where the common local servers are downloaded: pages on the app's list of pages it may open. */
const SERVER_DOWNLOADS = [
  ['Ollama', EXTERNAL_LINKS.ollamaDownload],
  ['LM Studio', EXTERNAL_LINKS.lmStudio],
  ['Jan', EXTERNAL_LINKS.jan],
  ['llama.cpp server', EXTERNAL_LINKS.llamaCppServerDocs],
] as const;

export function DiscoveryDialog({ profiles, onClose, onOpenForm, onAdded, onAddByHand }: Props) {
  const { state, start, cancel } = useDiscovery();
  const { writable } = useWritable();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useStartOnOpen(start);
  // In the commit that swaps "Stop searching" for the results, so focus never rests on <body> in between.
  useLayoutEffect(() => {
    if (state.status === 'done') headingRef.current?.focus();
  }, [state.status]);
  const progress =
    state.status === 'scanning'
      ? `Checked ${state.checked} of ${state.total} addresses${state.found.length ? `, found ${state.found.length}` : ''}.`
      : state.status === 'done'
        ? `Finished: ${state.found.length === 0 ? 'no model servers found' : `found ${state.found.length} model server${state.found.length === 1 ? '' : 's'}`}.`
        : state.status === 'cancelled'
          ? 'Search cancelled.'
          : '';

  return (
    <Dialog
      title="Find model servers on this computer"
      open
      onClose={() => {
        cancel();
        onClose();
      }}
      wide
    >
      <p className="muted">
        Looks only at this computer (127.0.0.1 and ::1) on the ports local model servers use. Nothing is sent anywhere
        else.
      </p>
      <div className="progress-line">
        <progress max={Math.max(state.total, 1)} value={state.checked} aria-label="Search progress" />
        <span aria-hidden="true">{progress}</span>
      </div>
      <LiveRegion message={progress} />
      {state.status === 'scanning' ? (
        <button type="button" className="button" onClick={cancel}>
          Stop searching
        </button>
      ) : (
        <button type="button" className="button" onClick={start}>
          Search again
        </button>
      )}
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {writable ? null : <ReadOnlyNote />}
      {state.status === 'done' || state.found.length > 0 ? (
        <section aria-labelledby="found-title">
          <h3 id="found-title" tabIndex={-1} ref={headingRef}>
            {state.found.length === 0 ? 'No model servers found' : 'Model servers found'}
          </h3>
          {state.found.length === 0 && state.status === 'done' ? (
            <>
              <p>Start Ollama, LM Studio or another local server, then search again. No server yet? Get one:</p>
              <ul className="download-links">
                {SERVER_DOWNLOADS.map(([label, url]) => (
                  <li key={url}>
                    <a href={url} target="_blank" rel="noreferrer">
                      {label}
                    </a>{' '}
                    <span className="muted">({new URL(url).hostname}, opens in your browser)</span>
                  </li>
                ))}
              </ul>
              <div className="button-row">
                <button type="button" className="button" onClick={onAddByHand}>
                  Add a profile by hand
                </button>
              </div>
            </>
          ) : (
            <ul className="server-list">
              {state.found.map((server) => (
                <ServerCard
                  key={`${server.host}-${server.port}`}
                  server={server}
                  profiles={profiles}
                  onOpenForm={onOpenForm}
                  onAdded={onAdded}
                />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Dialog>
  );
}
