// One profile in the list: what it is, where it points (local or remote), whether it is active, how its last
// test went, and the actions on it.
import { consentLabel } from '../../../shared/consent.js';
import { describeError } from '../../../shared/errors/error-catalog.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { providerLabel } from '../../../shared/provider.contract.js';
import { formatMs, formatWhen } from '../../components/format.js';

import { loadsModelsOnRequest } from '../../../shared/provider.contract.js';
import { LoadModelAction } from './LoadModelAction.js';
import type { Writable } from '../storage/use-writable.js';

interface Props {
  readonly profile: ProfileView;
  readonly busy: boolean;
  /** Write actions do nothing but point at the reason while nothing can be saved. */
  readonly guard: Writable['guard'];
  readonly onTest: () => void;
  readonly onActivate: () => void;
  readonly onEdit: () => void;
  readonly onDuplicate: () => void;
  readonly onDelete: () => void;
}

/** A saved key that cannot be used now, in words a learner acts on. */
const KEY_STATUS_WORDS: Partial<Record<ProfileView['keyStatus'], string>> = {
  locked: 'locked until secure storage is back',
  unreadable: 'cannot be read: enter it again',
};

function lastTestText(p: ProfileView): string {
  const t = p.lastTest;
  if (!t) return 'Not tested yet';
  const when = formatWhen(t.at);
  return t.ok
    ? `Passed ${when}: first token ${formatMs(t.timeToFirstTokenMs)}`
    : `Failed ${when}${t.errorCode ? `: ${describeError(t.errorCode).summary}` : ''}`;
}

export function ProfileCard({ profile: p, busy, guard, onTest, onActivate, onEdit, onDuplicate, onDelete }: Props) {
  const activate = guard(() => !busy && onActivate());
  const titleId = `profile-${p.id}-name`;
  return (
    <li
      className={`profile-card${p.isActive ? ' profile-card--active' : ''}`}
      aria-labelledby={titleId}
      data-profile-id={p.id}
    >
      <div className="profile-card__main">
        <h2 id={titleId} className="profile-card__name" tabIndex={-1}>
          {p.name}
          {p.isActive ? <span className="badge badge--active">Active</span> : null}
          <span className={`badge ${p.location === 'local' ? 'badge--local' : 'badge--remote'}`}>
            {p.location === 'local' ? 'On this computer' : `Remote: ${consentLabel(p.baseUrl) ?? p.host}`}
          </span>
        </h2>
        <p className="profile-card__meta">
          {providerLabel(p.kind, p.preset)} · <span className="mono">{p.model}</span>
          {p.hasApiKey ? (
            <>
              {' '}
              · {p.apiKeyHint ? `key …${p.apiKeyHint}` : 'key saved'}
              {KEY_STATUS_WORDS[p.keyStatus] ? ` (${KEY_STATUS_WORDS[p.keyStatus]})` : ''}
            </>
          ) : null}
        </p>
        <p className={`profile-card__test${p.lastTest ? (p.lastTest.ok ? ' ok' : ' failed') : ''}`}>
          {lastTestText(p)}
        </p>
        {loadsModelsOnRequest(p) ? <LoadModelAction profile={p} /> : null}
      </div>
      <div className="profile-card__actions" role="group" aria-label={`Actions for ${p.name}`}>
        <button type="button" className="button" onClick={onTest} aria-label={`Test ${p.name}`}>
          Test
        </button>
        {!p.isActive ? (
          <button
            type="button"
            className="button"
            aria-disabled={busy}
            {...activate}
            aria-label={`Use this: ${p.name}`}
          >
            Use this
          </button>
        ) : null}
        <button type="button" className="button" onClick={onEdit} aria-label={`Edit ${p.name}`}>
          Edit
        </button>
        <button type="button" className="button" {...guard(onDuplicate)} aria-label={`Duplicate ${p.name}`}>
          Duplicate
        </button>
        <button type="button" className="button button--danger" {...guard(onDelete)} aria-label={`Delete ${p.name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
