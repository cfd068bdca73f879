// In-process fan-out of change events to every subscriber (one per open window). Synchronous delivery in
// publish order; a throwing listener is isolated so one broken window cannot stop the others hearing.
// Each event carries what changed since the previous one, found by comparing the profile list as of the last
// event with the list now: the service keeps one view object per unchanged profile, so the comparison is by
// identity and the event holds only the views that are new, and their cached JSON is reused for every window.
import type { ChangeEvent, ChangeType } from '../../shared/change.contract.js';
import type { ProfileList, ProfileView } from '../../shared/profile.contract.js';
import { markImmutable } from '../../shared/json-transformer.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';

export type ChangeListener = (event: ChangeEvent) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private sequence = 0;
  /** The list as of the last event (or the first subscriber): what the next event's changes are counted from. */
  private published: ProfileList | null = null;

  /** `currentList` is the service's cached list at the vault's current revision. */
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly currentList: () => ProfileList,
  ) {}

  subscribe(listener: ChangeListener): () => void {
    this.published ??= this.currentList();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /**
   * The first event of a subscription: the revision the next event starts from. A window whose list is behind
   * it missed a change made before it was listening.
   */
  started(): ChangeEvent {
    this.published ??= this.currentList();
    const { revision, activeProfileId } = this.published;
    return markImmutable({
      sequence: this.sequence,
      type: 'feed.started',
      profileId: null,
      activeProfileId,
      at: this.clock.now().toISOString(),
      revision,
      baseRevision: revision,
      profiles: [],
      deletedIds: [],
    });
  }

  publish(type: ChangeType, profileId: string | null): void {
    this.sequence += 1;
    const before = this.published;
    const after = this.currentList();
    this.published = after;
    // Nobody has listened yet, so nobody holds a list to apply changes to.
    if (before === null || this.listeners.size === 0) return;
    const event: ChangeEvent = markImmutable({
      sequence: this.sequence,
      type,
      profileId,
      activeProfileId: after.activeProfileId,
      at: this.clock.now().toISOString(),
      revision: after.revision,
      baseRevision: before.revision,
      ...changesBetween(before, after),
    });
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.log('error', 'changes.listener_failed', {
          type,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}

function changesBetween(before: ProfileList, after: ProfileList): { profiles: ProfileView[]; deletedIds: string[] } {
  if (before === after) return { profiles: [], deletedIds: [] };
  const previous = new Map(before.profiles.map((view) => [view.id, view]));
  const profiles: ProfileView[] = [];
  for (const view of after.profiles) {
    if (previous.get(view.id) !== view) profiles.push(view);
    previous.delete(view.id);
  }
  return { profiles, deletedIds: [...previous.keys()] };
}
