// Says plainly when secure storage limits what can be done, and how to fix it: unavailable (nothing can be
// changed), weak (keys cannot be saved unless the learner opts in), or the vault had to be recovered.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { describeError, formatErrorText, STORAGE_NOTICES } from '../../../shared/errors/error-catalog.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

/** Puts a node (a path in <code>) where a catalogue sentence has its {name} placeholder. */
function withNode(template: string, name: string, node: ReactNode): ReactNode {
  const [before, after = ''] = template.split(`{${name}}`);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

export function StorageBanner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.storage.status.queryOptions());
  const allow = useAppMutation(trpc.storage.allowWeakEncryption.mutationOptions());
  const [acknowledged, setAcknowledged] = useState(false);
  const checkboxId = useId();
  const s = status.data;
  if (!s) return null;

  const allowWeak = async () => {
    if (await allow.run({ acknowledged: true })) {
      await queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
    }
  };
  const unavailable = describeError('VAULT_ENCRYPTION_UNAVAILABLE');
  const weak = describeError('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED');
  const unreadable = describeError('VAULT_KEY_UNREADABLE');

  return (
    <div className="banners">
      {s.encryption === 'unavailable' ? (
        <section
          className="banner banner--danger"
          role="region"
          aria-labelledby="storage-unavailable-title"
          data-testid="storage-banner"
        >
          <h2 id="storage-unavailable-title">Secure storage is unavailable</h2>
          <p>
            {unavailable.message} {STORAGE_NOTICES.unavailableBlocks}
          </p>
          <p>
            <strong>How to fix it:</strong> {unavailable.remediation}
          </p>
        </section>
      ) : null}
      {s.encryption === 'weak' && !s.canStoreKeys ? (
        <section
          className="banner banner--warning"
          role="region"
          aria-labelledby="storage-weak-title"
          data-testid="storage-banner"
        >
          <h2 id="storage-weak-title">API keys can only be weakly protected on this computer</h2>
          <p>{formatErrorText(STORAGE_NOTICES.weakExplained, { backend: s.backend })}</p>
          <p>
            <strong>How to fix it:</strong> {weak.remediation}
          </p>
          <p>{STORAGE_NOTICES.weakOptIn}</p>
          <div className="field field--checkbox">
            <input
              id={checkboxId}
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.target.checked)}
            />
            <label htmlFor={checkboxId}>
              I understand that my API keys will only be weakly protected on this computer
            </label>
          </div>
          <button
            type="button"
            className="button"
            disabled={!acknowledged || allow.pending}
            onClick={() => void allowWeak()}
          >
            Allow weak key storage
          </button>
          {allow.error ? <ErrorNotice error={allow.error} /> : null}
        </section>
      ) : null}
      {s.encryption === 'weak' && s.canStoreKeys ? (
        <p className="banner banner--note" data-testid="storage-banner">
          {s.weakStorageAllowedAt
            ? formatErrorText(STORAGE_NOTICES.weakAllowedSince, {
                date: new Date(s.weakStorageAllowedAt).toLocaleDateString(),
              })
            : STORAGE_NOTICES.weakAllowed}
        </p>
      ) : null}
      {s.recovery ? (
        <section className="banner banner--info" role="region" aria-labelledby="storage-recovered-title">
          <h2 id="storage-recovered-title">Your profiles file was damaged and has been repaired</h2>
          <p>
            {s.recovery.restoredFrom === 'backup'
              ? s.recovery.restoredProfiles === 1
                ? STORAGE_NOTICES.restoredOne
                : formatErrorText(STORAGE_NOTICES.restoredMany, { count: s.recovery.restoredProfiles })
              : STORAGE_NOTICES.startedEmpty}
            {s.recovery.quarantinedPath ? (
              <> {withNode(STORAGE_NOTICES.quarantined, 'path', <code>{s.recovery.quarantinedPath}</code>)}</>
            ) : null}
          </p>
        </section>
      ) : null}
      {s.unreadableKeyCount > 0 ? (
        <p className="banner banner--warning">
          {s.unreadableKeyCount === 1
            ? STORAGE_NOTICES.unreadableKeysOne
            : formatErrorText(STORAGE_NOTICES.unreadableKeysMany, { count: s.unreadableKeyCount })}{' '}
          {unreadable.remediation}
        </p>
      ) : null}
    </div>
  );
}
