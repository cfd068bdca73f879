// Many updates at once to one profile: the queue applies them in order, so none is lost, and optimistic
// concurrency turns a race on the same revision into exactly one winner and typed conflicts.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/errors/app-error.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { localProfileInput } from '../../support/profile-builders.js';

let t: TestCore;
afterEach(async () => t?.dispose());

describe('concurrent updates', () => {
  it('200 concurrent updates with correct revisions: all applied, none lost', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(localProfileInput());
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.core.profiles.update({
          id: p.id,
          expectedRevision: 1 + i,
          patch: { model: `model-${i}`, timeoutMs: 1000 + i },
        }),
      ),
    );
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 200 }, (_, i) => 2 + i));
    expect(t.core.profiles.get({ id: p.id })).toMatchObject({ revision: 201, model: 'model-199', timeoutMs: 1199 });
    t = await t.reopen();
    expect(t.core.profiles.get({ id: p.id })).toMatchObject({ revision: 201, model: 'model-199' });
  });

  it('200 concurrent updates racing on one revision: exactly one wins, the rest conflict', async () => {
    t = await createTestCore();
    const p = await t.core.profiles.create(localProfileInput());
    const settled = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { model: `m-${i}` } }),
      ),
    );
    const won = settled.filter((s) => s.status === 'fulfilled');
    const codes = settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as AppError).code] : []));
    expect(won).toHaveLength(1);
    expect(codes).toHaveLength(199);
    expect(new Set(codes)).toEqual(new Set(['PROFILE_REVISION_CONFLICT']));
    expect(t.core.profiles.get({ id: p.id })).toMatchObject({ revision: 2, model: 'm-0' });
  });

  it('concurrent creates with one name: exactly one is saved', async () => {
    t = await createTestCore();
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.core.profiles.create(localProfileInput({ name: 'Same' }))),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(t.core.profiles.list().profiles).toHaveLength(1);
  });
});
