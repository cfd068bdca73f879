// What every open window is told after a change, so none shows stale data. Carries ids, not content:
// a window refetches what it displays.
import { z } from 'zod';

export const CHANGE_TYPES = [
  'profile.created',
  'profile.updated',
  'profile.deleted',
  'profile.activated',
  'profile.tested',
  'storage.changed',
] as const;

export const ChangeEventSchema = z.object({
  /** Increases by one per change within a run of the app. */
  sequence: z.number().int().positive(),
  type: z.enum(CHANGE_TYPES),
  profileId: z.string().nullable(),
  activeProfileId: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
export type ChangeType = ChangeEvent['type'];
