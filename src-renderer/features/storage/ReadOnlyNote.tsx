// Inside a dialog, where the storage banner is out of reach: why nothing can be saved, and what to do.
import { describeError } from '../../../shared/errors/error-catalog.js';

export function ReadOnlyNote() {
  const words = describeError('VAULT_ENCRYPTION_UNAVAILABLE');
  return (
    <div className="notice notice--warning" data-testid="read-only-note">
      <p className="notice__title">Nothing can be saved right now</p>
      <p>
        {words.message} <strong>How to fix it:</strong> {words.remediation}
      </p>
    </div>
  );
}
