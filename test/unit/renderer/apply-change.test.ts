// The rule a window applies each change event by: replace, add, remove, take the active id and revision, keep
// the identity of what did not change, and say "behind" rather than patch a list the event does not reach.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../shared/change.contract.js';
import type { ProfileList, ProfileView } from '../../../shared/profile.contract.js';
import { applyChange } from '../../../src-renderer/features/profiles/apply-change.js';

function view(id: string, overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id,
    name: `Profile ${id}`,
    kind: 'ollama',
    preset: null,
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
    azureDeployment: null,
    azureApiVersion: null,
    exactAddress: false,
    modelsUrl: null,
    timeoutMs: 30_000,
    loadTimeoutMs: 300_000,
    proxy: { mode: 'system' },
    proxyPasswordSaved: false,
    revision: 1,
    createdAt: '2026-12-03T10:00:00.000Z',
    updatedAt: '2026-12-03T10:00:00.000Z',
    isActive: false,
    location: 'local',
    host: '127.0.0.1',
    remoteConsentAt: null,
    hasApiKey: false,
    apiKeyHint: null,
    keyStatus: 'none',
    headerNames: [],
    headersStatus: 'none',
    lastTest: null,
    resolvedEndpoint: 'http://127.0.0.1:11434/api/chat',
    ...overrides,
  };
}

function event(baseRevision: number, revision: number, changes: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    sequence: revision,
    type: 'profile.updated',
    profileId: null,
    activeProfileId: null,
    at: '2026-12-03T10:00:00.000Z',
    revision,
    baseRevision,
    profiles: [],
    deletedIds: [],
    ...changes,
  };
}

const list = (revision: number, profiles: ProfileView[], activeProfileId: string | null = null): ProfileList => ({
  profiles,
  activeProfileId,
  revision,
});

describe('applyChange', () => {
  const a = view('a');
  const b = view('b');
  const c = view('c');

  it('replaces a changed view in place and keeps the others as they were', () => {
    const renamed = view('b', { name: 'Renamed', revision: 2 });
    const outcome = applyChange(list(4, [a, b, c]), event(4, 5, { profiles: [renamed] }));
    expect(outcome).toEqual({ kind: 'applied', list: list(5, [a, renamed, c]) });
    if (outcome.kind !== 'applied') return;
    expect(outcome.list.profiles[0]).toBe(a);
    expect(outcome.list.profiles[2]).toBe(c);
  });

  it('adds new views after the existing ones, in the event’s order, and removes deleted ids', () => {
    const d = view('d');
    const e = view('e');
    const outcome = applyChange(list(1, [a, b, c]), event(1, 3, { profiles: [d, e], deletedIds: ['b'] }));
    expect(outcome).toEqual({ kind: 'applied', list: list(3, [a, c, d, e]) });
  });

  it('takes the active id from the event, with both views whose flag flipped', () => {
    const start = list(7, [view('a', { isActive: true }), b], 'a');
    const outcome = applyChange(
      start,
      event(7, 8, { activeProfileId: 'b', profiles: [view('a'), view('b', { isActive: true })] }),
    );
    expect(outcome).toEqual({ kind: 'applied', list: list(8, [view('a'), view('b', { isActive: true })], 'b') });
  });

  it('applies an event to a list anywhere from its base revision on, with the same result', () => {
    const d = view('d');
    const change = event(2, 5, { profiles: [d], deletedIds: ['a'] });
    const fromBase = applyChange(list(2, [a, b]), change);
    // Fetched part-way: the list already holds d and no longer holds a.
    const fromBetween = applyChange(list(4, [b, d]), change);
    expect(fromBase).toEqual({ kind: 'applied', list: list(5, [b, d]) });
    expect(fromBetween).toEqual(fromBase);
  });

  it('says the list is current when it already holds the event', () => {
    expect(applyChange(list(5, [a]), event(4, 5, { profiles: [view('a', { name: 'x' })] }))).toEqual({
      kind: 'current',
    });
    expect(applyChange(list(5, [a]), event(5, 5))).toEqual({ kind: 'current' });
  });

  it('says the list is behind when it missed the changes the event starts after', () => {
    expect(applyChange(list(3, [a]), event(4, 5, { profiles: [b] }))).toEqual({ kind: 'behind' });
    // A subscription's first event: the feed is further on than the list.
    expect(applyChange(list(3, [a]), event(6, 6, { type: 'feed.started' }))).toEqual({ kind: 'behind' });
  });
});
