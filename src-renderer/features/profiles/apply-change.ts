// One change event applied to the profile list a window holds, as a pure function so the rule can be tested in
// plain Node and is the same in the window and in the tests: the event's views replace or join the list, its
// deleted ids leave it, its active id and revision become the list's. A list the event does not reach (it missed
// an earlier event) is reported, never patched: only a full list puts it right.
import type { ChangeEvent } from '../../../shared/change.contract.js';
import type { ProfileList, ProfileView } from '../../../shared/profile.contract.js';

export type ApplyOutcome =
  /** The list with the event applied (a new object; unchanged views keep their identity). */
  | { readonly kind: 'applied'; readonly list: ProfileList }
  /** The list already holds the event (it was fetched after the change): nothing to do. */
  | { readonly kind: 'current' }
  /** The list is older than the event's changes start from: fetch it whole. */
  | { readonly kind: 'behind' };

export function applyChange(list: ProfileList, event: ChangeEvent): ApplyOutcome {
  if (event.revision <= list.revision) return { kind: 'current' };
  if (list.revision < event.baseRevision) return { kind: 'behind' };
  // Every change from baseRevision on is in the event, as the state it left, so a list anywhere in between
  // ends up the same.
  const changed = new Map(event.profiles.map((view) => [view.id, view]));
  const deleted = new Set(event.deletedIds);
  const profiles: ProfileView[] = [];
  for (const view of list.profiles) {
    if (deleted.has(view.id)) continue;
    const next = changed.get(view.id);
    profiles.push(next ?? view);
    changed.delete(view.id);
  }
  // What is left is new, in the order the event lists it: after every existing profile, as the service lists it.
  for (const view of changed.values()) profiles.push(view);
  return { kind: 'applied', list: { profiles, activeProfileId: event.activeProfileId, revision: event.revision } };
}
