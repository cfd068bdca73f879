// What every open window is told after a change, so none shows stale data. Each event carries what changed
// (the changed views, the deleted ids, the active id) and the vault revisions it spans, so a window applies it to
// the list it holds instead of re-fetching every profile; a window whose list is not at a revision the event
// covers knows it missed something and fetches the list once.
import { z } from 'zod';
import { ProfileViewSchema } from './profile.contract.js';

export const CHANGE_TYPES = [
  'feed.started',
  'profile.created',
  'profile.updated',
  'profile.deleted',
  'profile.activated',
  'profile.tested',
  'storage.changed',
] as const;

export const ChangeEventSchema = z.object({
  /** Increases by one per change within a run of the app; `feed.started` repeats the last one (0 before any). */
  sequence: z.number().int().nonnegative(),
  /** `feed.started` is the first event of every subscription: where the feed stands, with nothing changed. */
  type: z.enum(CHANGE_TYPES),
  profileId: z.string().nullable(),
  activeProfileId: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  /** The vault revision of the list once this event is applied (see `profiles.list`). */
  revision: z.number().int().nonnegative(),
  /**
   * The revision this event's changes start from: they are every change between it and `revision`. A list at a
   * revision from `baseRevision` up to `revision - 1` can apply them; a list below it has missed an event.
   */
  baseRevision: z.number().int().nonnegative(),
  /** Each profile whose view changed or that is new; new ones come after every existing one, in list order. */
  profiles: z.array(ProfileViewSchema),
  /** The profiles that are gone. */
  deletedIds: z.array(z.string()),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
export type ChangeType = Exclude<ChangeEvent['type'], 'feed.started'>;
