// Says plainly when secure storage limits what can be done, and how to fix it: unavailable (nothing can be
// changed), weak (keys cannot be saved unless the learner opts in), or the vault had to be recovered.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { describeError, formatErrorText, STORAGE_NOTICES } from '../../../shared/errors/error-catalog.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { DAMAGED_COPIES_KEPT } from '../../../shared/storage.contract.js';
import { READ_ONLY_REASON_ID, useStorageStatus } from './use-writable.js';

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
  const status = useStorageStatus();
  const allow = useAppMutation(trpc.storage.allowWeakEncryption.mutationOptions());
  const removeCopies = useAppMutation(trpc.storage.removeDamagedCopies.mutationOptions());
  const [copiesRemoved, setCopiesRemoved] = useState(false);
  const bannersRef = useRef<HTMLDivElement>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const checkboxId = useId();
  const s = status.data;
  // A banner that goes (storage came back by itself) must not take focus with it: the notices' group keeps it.
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    if (focusInside.current && (document.activeElement === document.body || document.activeElement === null))
      bannersRef.current?.focus();
  }, [s?.encryption, s?.canStoreKeys]);
  if (!s) return null;

  const allowWeak = async () => {
    if (await allow.run({ acknowledged: true })) {
      // The button goes with its banner; the note that replaces it says what changed. Focus moves to the banners
      // before the button is removed, so it never rests on the page in between.
      bannersRef.current?.focus();
      await queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
    }
  };
  const removeDamagedCopies = async () => {
    const next = await removeCopies.run(undefined);
    if (next) {
      // The button goes away with its banner: focus moves to the banners first rather than falling to the page.
      bannersRef.current?.focus();
      queryClient.setQueryData(trpc.storage.status.queryKey(), next);
      setCopiesRemoved(true);
    }
  };
  const unavailable = describeError('VAULT_ENCRYPTION_UNAVAILABLE');
  const weak = describeError('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED');
  const unreadable = describeError('VAULT_KEY_UNREADABLE');

  return (
    <div
      className="banners"
      ref={bannersRef}
      tabIndex={-1}
      role="group"
      aria-label="Storage notices"
      onFocus={() => (focusInside.current = true)}
      onBlur={(e) => (focusInside.current = bannersRef.current?.contains(e.relatedTarget) ?? false)}
    >
      {s.encryption === 'unavailable' ? (
        <section
          className="banner banner--danger"
          role="region"
          aria-labelledby="storage-unavailable-title"
          data-testid="storage-banner"
        >
          <h2 id="storage-unavailable-title" tabIndex={-1}>
            Secure storage is unavailable
          </h2>
          <p id={READ_ONLY_REASON_ID}>
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
            disabled={!acknowledged}
            aria-disabled={allow.pending}
            onClick={() => !allow.pending && void allowWeak()}
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
      {s.damagedCopies.length > 0 ? (
        <section className="banner banner--info" role="region" aria-labelledby="storage-copies-title">
          <h2 id="storage-copies-title">Damaged copies kept</h2>
          <p>
            {formatErrorText(
              s.damagedCopies.length === 1 ? STORAGE_NOTICES.damagedCopiesOne : STORAGE_NOTICES.damagedCopiesMany,
              { count: s.damagedCopies.length, days: DAMAGED_COPIES_KEPT.days },
            )}
          </p>
          <ul className="banner__files">
            {s.damagedCopies.map((copy) => (
              <li key={copy.name}>
                <code>{copy.path}</code> ({new Date(copy.at).toLocaleString()})
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            aria-disabled={removeCopies.pending}
            onClick={() => !removeCopies.pending && void removeDamagedCopies()}
          >
            Remove damaged copies
          </button>
          {removeCopies.error ? <ErrorNotice error={removeCopies.error} /> : null}
        </section>
      ) : null}
      <LiveRegion message={copiesRemoved && s.damagedCopies.length === 0 ? STORAGE_NOTICES.damagedCopiesRemoved : ''} />
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
