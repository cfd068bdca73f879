// Remembers the last secure-storage availability seen, and when a new observation differs, logs it and tells
// every window (storage.changed). Fed by the storage status *and* by every mutation's writability check, so a
// keyring that locks between two status reads still turns the banner on the moment a save is refused.
import type { EncryptionState } from '../../shared/storage.contract.js';
import type { Logger } from '../ports/logger.port.js';
import type { ChangeFeed } from '../profiles/change-feed.js';

export class AvailabilityMonitor {
  private last: EncryptionState | null = null;

  constructor(private readonly deps: { readonly logger: Logger; readonly changes: ChangeFeed }) {}

  observe(state: EncryptionState, backend: string): void {
    const previous = this.last;
    this.last = state;
    if (previous === null || previous === state) return;
    this.deps.logger.log(state === 'available' ? 'info' : 'warn', 'storage.status_changed', {
      from: previous,
      to: state,
      backend,
    });
    this.deps.changes.publish('storage.changed', null);
  }
}
