// Asked when activating a remote profile that has no consent for its origin (e.g. one saved before its address
// moved to another scheme or port): what leaves the computer and to whom, before it is used.
import { consentLabel } from '../../../shared/consent.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';

export function ConsentDialog({
  profile,
  onAgree,
  onClose,
}: {
  profile: ProfileView;
  onAgree: () => void;
  onClose: () => void;
}) {
  const where = consentLabel(profile.baseUrl) ?? profile.host;
  return (
    <Dialog title={`Send prompts to ${where}?`} open onClose={onClose}>
      <p>
        <strong>{profile.name}</strong> uses a server that is not on this computer. While it is the active profile,{' '}
        {profile.hasApiKey ? (
          <>
            <strong>what you type</strong> and <strong>your API key</strong> are sent
          </>
        ) : (
          <>
            <strong>what you type</strong> is sent
          </>
        )}{' '}
        over the internet to <strong>{where}</strong>.
      </p>
      <div className="button-row button-row--end">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Not now
        </button>
        <button type="button" className="button button--primary" onClick={onAgree}>
          I agree, use {where}
        </button>
      </div>
    </Dialog>
  );
}
