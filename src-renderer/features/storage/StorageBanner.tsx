// Says plainly when secure storage limits what can be done, and how to fix it: unavailable (nothing can be
// changed), weak (keys cannot be saved unless the learner opts in), or the vault had to be recovered.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { useTRPC } from '../../app/trpc.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';

export function StorageBanner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.storage.status.queryOptions());
  const allow = useMutation(trpc.storage.allowWeakEncryption.mutationOptions());
  const [acknowledged, setAcknowledged] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const checkboxId = useId();
  const s = status.data;
  if (!s) return null;

  const allowWeak = async () => {
    setError(null);
    try {
      await allow.mutateAsync({ acknowledged: true });
      await queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
    } catch (caught) {
      setError(appErrorDataOf(caught));
    }
  };

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
            You can look at your profiles, but adding, changing, activating or deleting them is blocked until it is
            back, so that no API key is ever stored unprotected.
          </p>
          <p>
            <strong>How to fix it:</strong> unlock your system keychain or keyring (on Linux, GNOME Keyring or KWallet
            must be running and unlocked), then restart the app.
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
          <p>
            No keyring was found ({s.backend}), so a saved key would be protected only by a password that is the same on
            every computer. Profiles without keys work normally; saving a key is blocked.
          </p>
          <p>
            <strong>Best fix:</strong> install and unlock GNOME Keyring or KWallet, then restart the app.{' '}
            <strong>Or</strong> allow weak storage if this computer is yours alone:
          </p>
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
            disabled={!acknowledged || allow.isPending}
            onClick={() => void allowWeak()}
          >
            Allow weak key storage
          </button>
          {error ? <ErrorNotice error={error} /> : null}
        </section>
      ) : null}
      {s.encryption === 'weak' && s.canStoreKeys ? (
        <p className="banner banner--note" data-testid="storage-banner">
          Weak key storage is allowed on this computer
          {s.weakStorageAllowedAt ? ` (since ${new Date(s.weakStorageAllowedAt).toLocaleDateString()})` : ''}.
        </p>
      ) : null}
      {s.recovery ? (
        <section className="banner banner--info" role="region" aria-labelledby="storage-recovered-title">
          <h2 id="storage-recovered-title">Your profiles file was damaged and has been repaired</h2>
          <p>
            {s.recovery.restoredFrom === 'backup'
              ? `The last good copy was restored (${s.recovery.restoredProfiles} profile${s.recovery.restoredProfiles === 1 ? '' : 's'}). The most recent change may be missing.`
              : 'No good copy was found, so the app started with an empty list.'}
            {s.recovery.quarantinedPath ? (
              <>
                {' '}
                The damaged file was kept unchanged at <code>{s.recovery.quarantinedPath}</code>.
              </>
            ) : null}
          </p>
        </section>
      ) : null}
      {s.unreadableKeyCount > 0 ? (
        <p className="banner banner--warning">
          {s.unreadableKeyCount} saved API key{s.unreadableKeyCount === 1 ? '' : 's'} can no longer be read (the system
          keychain changed). Edit those profiles and enter the key again.
        </p>
      ) : null}
    </div>
  );
}
