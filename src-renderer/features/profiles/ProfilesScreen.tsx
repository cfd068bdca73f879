// The main screen: storage banner, the profile list (or an empty state that offers discovery), and the
// dialogs for adding, editing, testing, deleting and discovering. Every failure shows its message, what to
// do, and the reference id.
import { useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { useTRPC } from '../../app/trpc.js';
import { useAppMutation } from '../../hooks/use-app-mutation.js';
import { DiscoveryDialog } from '../discovery/DiscoveryDialog.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import type { FormFocus, Suggestion } from '../profile-form/form-model.js';
import { ProfileFormDialog } from '../profile-form/ProfileFormDialog.js';
import { TestDialog } from '../connection-test/TestDialog.js';
import { StorageBanner } from '../storage/StorageBanner.js';
import { useWritable } from '../storage/use-writable.js';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog.js';
import { ConsentDialog } from './ConsentDialog.js';
import { DuplicateDialog } from './DuplicateDialog.js';
import type { ImportChosen } from '../../../shared/transfer.contract.js';
import { ExportDialog } from '../transfer/ExportDialog.js';
import { ImportDialog } from '../transfer/ImportDialog.js';
import { SupportDialog } from '../support/SupportDialog.js';
import { ProfileCard } from './ProfileCard.js';

type Modal =
  | { type: 'form'; profile: ProfileView | null; suggestion?: Suggestion; focus?: FormFocus; thenTest?: boolean }
  | { type: 'test'; profile: ProfileView }
  | { type: 'delete'; profile: ProfileView }
  | { type: 'duplicate'; profile: ProfileView }
  | { type: 'consent'; profile: ProfileView }
  | { type: 'discover' }
  | { type: 'export' }
  | { type: 'support' }
  | { type: 'import'; file: Extract<ImportChosen, { status: 'chosen' }> }
  | null;

export function ProfilesScreen() {
  const trpc = useTRPC();
  const list = useQuery(trpc.profiles.list.queryOptions());
  const activate = useAppMutation(trpc.profiles.activate.mutationOptions());
  const { guard } = useWritable();
  const choose = useAppMutation(trpc.transfer.chooseImport.mutationOptions());
  const chooseImport = async () => {
    if (choose.pending) return;
    const chosen = await choose.run(undefined);
    if (!chosen) return;
    if (chosen.status === 'cancelled') return setAnnouncement('No file was chosen; nothing was imported.');
    setModal({ type: 'import', file: chosen });
  };
  const remove = useAppMutation(trpc.profiles.delete.mutationOptions());
  const [modal, setModal] = useState<Modal>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a delete the row (and the button that opened the dialog) is gone: focus the heading instead,
  // once the dialog has closed and handed focus back.
  const focusHeadingAfterClose = useRef(false);
  // A card to focus once the list shows it as wanted: a new profile's card, or the one just made active (its
  // "Use this" button goes away). Its heading takes focus, so a screen reader reads where the learner is.
  const [focusCard, setFocusCard] = useState<{ id: string; active: boolean } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const profiles = list.data?.profiles ?? [];
  const active = profiles.find((p) => p.isActive) ?? null;
  // The one in use comes first, so it is the first card read and the first reached; the rest keep their order.
  const shown = active ? [active, ...profiles.filter((p) => p !== active)] : profiles;
  const hadModal = useRef(false);
  useLayoutEffect(() => {
    const closed = modal === null && hadModal.current;
    hadModal.current = modal !== null;
    if (!closed) return;
    if (focusHeadingAfterClose.current) {
      focusHeadingAfterClose.current = false;
      headingRef.current?.focus();
    }
    // Whatever else closed a dialog whose opener is gone (a form opened from discovery, say): never <body>. The
    // dialog's own clean-up has already run in this commit, so <body> here means nobody took focus back.
    if (document.activeElement === document.body || document.activeElement === null) {
      headingRef.current?.focus();
    }
  }, [modal]);
  useLayoutEffect(() => {
    if (focusCard === null || modal !== null) return;
    const shown = profiles.find((p) => p.id === focusCard.id);
    if (!shown || (focusCard.active && !shown.isActive)) return;
    setFocusCard(null);
    document.getElementById(`profile-${shown.id}-name`)?.focus();
  }, [profiles, modal, focusCard]);
  useLayoutEffect(() => {
    if (activate.error) errorRef.current?.focus();
  }, [activate.error]);
  const close = () => setModal(null);

  const doActivate = async (profile: ProfileView, remoteConsent?: boolean) => {
    // A remote profile without consent asks for it rather than failing; any other failure shows on the screen.
    const askConsentOrClose = (error: AppErrorData) => {
      if (error.code === 'CONSENT_REQUIRED' && !remoteConsent) {
        setModal({ type: 'consent', profile });
        return true;
      }
      close();
      return false;
    };
    // The list shows it once the change event arrives (use-live-updates), as in every other window — which can
    // be before this call returns: the card to focus is named first, so focus moves in the very commit that
    // removes the card's "Use this" button.
    setFocusCard({ id: profile.id, active: true });
    const activated = await activate.run(
      { id: profile.id, ...(remoteConsent && { remoteConsent: true }) },
      { handled: askConsentOrClose },
    );
    if (!activated) {
      setFocusCard(null);
      return;
    }
    setAnnouncement(`${profile.name} is now the active profile.`);
    close();
  };

  const doDelete = async (profile: ProfileView) => {
    if (!(await remove.run({ id: profile.id, expectedRevision: profile.revision }))) return;
    focusHeadingAfterClose.current = true;
    close();
    setAnnouncement(`${profile.name} was deleted.`);
  };

  return (
    <main className="screen" aria-labelledby="profiles-title">
      <header className="screen__header">
        <div>
          <h1 id="profiles-title" tabIndex={-1} ref={headingRef}>
            Your model profiles
          </h1>
          {list.isSuccess ? <InUse active={active} /> : null}
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setModal({ type: 'discover' })}>
            Find local servers
          </button>
          {profiles.length > 0 ? (
            <button type="button" className="button" onClick={() => setModal({ type: 'export' })}>
              Export…
            </button>
          ) : null}
          <button type="button" className="button" aria-disabled={choose.pending} {...guard(() => void chooseImport())}>
            Import…
          </button>
          <button
            type="button"
            className="button button--primary"
            {...guard(() => setModal({ type: 'form', profile: null }))}
          >
            Add profile
          </button>
        </div>
      </header>
      <StorageBanner />
      <LiveRegion message={announcement} />
      {activate.error ? <ErrorNotice ref={errorRef} error={activate.error} title="That did not work" /> : null}
      {choose.error ? <ErrorNotice error={choose.error} title="That file cannot be imported" /> : null}
      {list.error ? <ErrorNotice error={appErrorDataOf(list.error)} title="Your profiles could not be loaded" /> : null}

      {list.isSuccess && profiles.length === 0 ? (
        <section className="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">No profiles yet</h2>
          <p>
            A profile tells the app which language model to use: a server on this computer (like Ollama or LM Studio) or
            a cloud service (like OpenAI).
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => setModal({ type: 'discover' })}>
              Find model servers on this computer
            </button>
            <button type="button" className="button" {...guard(() => setModal({ type: 'form', profile: null }))}>
              Add a profile by hand
            </button>
          </div>
        </section>
      ) : (
        <ul className="profile-list" aria-label="Profiles">
          {shown.map((profile) => (
            <ProfileCard
              key={profile.id}
              profile={profile}
              busy={activate.pending}
              guard={guard}
              onTest={() => setModal({ type: 'test', profile })}
              onActivate={() => void doActivate(profile)}
              onEdit={() => setModal({ type: 'form', profile })}
              onDuplicate={() => setModal({ type: 'duplicate', profile })}
              onDelete={() => {
                remove.reset();
                setModal({ type: 'delete', profile });
              }}
            />
          ))}
        </ul>
      )}

      {modal?.type === 'form' ? (
        <ProfileFormDialog
          open
          profile={modal.profile}
          suggestion={modal.suggestion}
          focus={modal.focus}
          onClose={close}
          onSaved={(saved, created) => {
            setAnnouncement(created ? `${saved.name} was added.` : `${saved.name} was saved.`);
            // A fix made from a failed test is tried at once: the test runs again on the saved profile.
            if (modal.thenTest) return setModal({ type: 'test', profile: saved });
            if (created) setFocusCard({ id: saved.id, active: false });
            close();
          }}
        />
      ) : null}
      {modal?.type === 'test' ? (
        <TestDialog
          profile={modal.profile}
          onClose={close}
          onEdit={(profile, focus) => setModal({ type: 'form', profile, focus, thenTest: true })}
        />
      ) : null}
      {modal?.type === 'delete' ? (
        <ConfirmDeleteDialog
          profile={modal.profile}
          error={remove.error}
          onClose={close}
          onConfirm={() => doDelete(modal.profile)}
        />
      ) : null}
      {modal?.type === 'duplicate' ? (
        <DuplicateDialog
          profile={modal.profile}
          onClose={close}
          onDuplicated={(copy) => {
            setAnnouncement(`${copy.name} was added.`);
            setFocusCard({ id: copy.id, active: false });
            close();
          }}
        />
      ) : null}
      <footer className="screen__footer">
        <button type="button" className="button button--small" onClick={() => setModal({ type: 'support' })}>
          Save diagnostics for support…
        </button>
      </footer>
      {modal?.type === 'support' ? <SupportDialog onClose={close} /> : null}
      {modal?.type === 'export' ? <ExportDialog profiles={shown} onClose={close} /> : null}
      {modal?.type === 'import' ? (
        <ImportDialog
          file={modal.file}
          onClose={close}
          onImported={(result) => {
            const names = [...result.added, ...result.replaced];
            setAnnouncement(
              names.length === 0
                ? 'Nothing was imported.'
                : `Imported ${names.length} profile${names.length === 1 ? '' : 's'}: ${names.join(', ')}.`,
            );
            focusHeadingAfterClose.current = true;
            close();
          }}
        />
      ) : null}
      {modal?.type === 'consent' ? (
        <ConsentDialog profile={modal.profile} onClose={close} onAgree={() => void doActivate(modal.profile, true)} />
      ) : null}
      {modal?.type === 'discover' ? (
        <DiscoveryDialog
          profiles={profiles}
          onClose={close}
          onOpenForm={(suggestion) => setModal({ type: 'form', profile: null, suggestion })}
          onAddByHand={() => setModal({ type: 'form', profile: null })}
          onAdded={(profile) => setAnnouncement(`${profile.name} was added.`)}
        />
      ) : null}
    </main>
  );
}

/** Which model the app's other features use now, or that none is chosen. */
function InUse({ active }: { readonly active: ProfileView | null }) {
  return (
    <p className="in-use" data-testid="in-use">
      {active ? (
        <>
          Using: <strong>{active.name}</strong> · <span className="mono">{active.model}</span>
        </>
      ) : (
        'No profile in use: choose one with “Use this”.'
      )}
    </p>
  );
}
