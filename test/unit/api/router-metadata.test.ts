// The router's own promises, checked in-process through createCaller: every procedure declares its input schema,
// its output schema and its error codes (docs/api.md is generated from them), what it returns matches the
// declared output, and a refusal arrives as the catalogued error its metadata lists.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcedureMeta } from '../../../src/api/trpc.js';
import { appRouter } from '../../../src/api/app.router.js';
import { createCaller } from '../../../src/api/create-caller.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { localProfileInput } from '../../support/profile-builders.js';

interface ProcedureDef {
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly meta?: ProcedureMeta;
  readonly inputs: ReadonlyArray<{ readonly schema?: unknown }>;
}

const byPath = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
const procedures = Object.entries(byPath);

let t: TestCore | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('router metadata', () => {
  it('every procedure declares a summary, an output schema and its error codes', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(12);
    for (const [path, { _def }] of procedures) {
      expect(_def.meta?.summary, path).toMatch(/\S/);
      expect(typeof _def.meta?.output.safeParse, path).toBe('function');
      expect(Array.isArray(_def.meta?.errors), path).toBe(true);
    }
  });

  it('every procedure with an input carries the schema its service parses with', () => {
    for (const [path, { _def }] of procedures) {
      for (const input of _def.inputs)
        expect(typeof (input.schema as { safeParse?: unknown })?.safeParse, path).toBe('function');
    }
  });

  it('what queries and mutations return matches their declared output', async () => {
    t = await createTestCore();
    const caller = createCaller(t.core);
    const meta = (path: string) => byPath[path]!._def.meta!;
    const created = await caller.profiles.create(localProfileInput({ name: 'Declared' }));
    const results: Array<[string, unknown]> = [
      ['profiles.create', created],
      ['profiles.list', await caller.profiles.list()],
      ['profiles.get', await caller.profiles.get({ id: created.id })],
      [
        'profiles.update',
        await caller.profiles.update({ id: created.id, expectedRevision: 1, patch: { model: 'qwen3' } }),
      ],
      ['profiles.activate', await caller.profiles.activate({ id: created.id })],
      ['storage.status', await caller.storage.status()],
      ['profiles.delete', await caller.profiles.delete({ id: created.id })],
    ];
    for (const [path, result] of results) expect(meta(path).output.safeParse(result).success, path).toBe(true);
  });

  it('a refusal through the router is the catalogued error its metadata lists', async () => {
    t = await createTestCore();
    const caller = createCaller(t.core);
    await expectAppError(caller.profiles.get({ id: 'missing' }), 'PROFILE_NOT_FOUND');
    expect(byPath['profiles.get']!._def.meta!.errors).toContain('PROFILE_NOT_FOUND');
  });
});
