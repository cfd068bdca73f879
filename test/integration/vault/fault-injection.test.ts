// A full disk, a read-only folder or a failing drive at each step of the atomic write (open, write, fsync,
// rename): the vault file keeps every byte, the caller gets a typed storage error, memory is unchanged,
// no temp file is left behind, and the next write succeeds.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, makeTempDir, type TestCore } from '../../support/create-test-core.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { FaultyFs, type FaultCode, type FaultPoint } from '../../support/faulty-fs.js';
import { localProfileInput, remoteProfileInput } from '../../support/profile-builders.js';

const EXPECTED: Record<FaultCode, string> = {
  ENOSPC: 'VAULT_DISK_FULL',
  EACCES: 'VAULT_PERMISSION_DENIED',
  EIO: 'VAULT_WRITE_FAILED',
};
const POINTS: FaultPoint[] = ['open', 'write', 'fsync', 'rename'];
const CODES: FaultCode[] = ['ENOSPC', 'EACCES', 'EIO'];

const MUTATIONS = {
  create: (t: TestCore) => t.core.profiles.create(remoteProfileInput()),
  update: (t: TestCore, id: string) =>
    t.core.profiles.update({ id, expectedRevision: 1, patch: { model: 'other', apiKey: 'sk-other-key-12345678' } }),
  delete: (t: TestCore, id: string) => t.core.profiles.delete({ id }),
  activate: (t: TestCore, id: string) => t.core.profiles.activate({ id }),
};

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const cases = POINTS.flatMap((point) =>
  CODES.flatMap((code) =>
    Object.keys(MUTATIONS).map((mutation) => ({ point, code, mutation: mutation as keyof typeof MUTATIONS })),
  ),
);

describe('fault injection in the atomic write', () => {
  it.each(cases)('$code at $point during $mutation', async ({ point, code, mutation }) => {
    const dir = await makeTempDir();
    const fs = new FaultyFs(path.join(dir, 'llm-profiles.json'));
    t = await createTestCore({ dir, fs });
    const seed = await t.core.profiles.create(remoteProfileInput({ apiKey: 'sk-seed-key-abcdefgh' }));
    await t.core.profiles.create(localProfileInput());
    const bytesBefore = await t.readVaultBytes();
    const listBefore = structuredClone(t.core.profiles.list());
    const filesBefore = await t.listDir();

    fs.arm(point, code);
    const error = await expectAppError(() => MUTATIONS[mutation](t!, seed.id));
    expect(fs.faultsFired).toBe(1);
    expect(error.code).toBe(EXPECTED[code]);
    expect(await t.readVaultBytes()).toEqual(bytesBefore);
    expect(t.core.profiles.list()).toEqual(listBefore);
    expect(t.core.profiles.apiKeyFor(seed.id)).toBe('sk-seed-key-abcdefgh');
    expect((await t.listDir()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await t.listDir()).toEqual(filesBefore);

    await MUTATIONS[mutation](t, seed.id);
    expect(await t.readVaultBytes()).not.toEqual(bytesBefore);
    const reopened = await t.reopen();
    t = reopened;
    expect((await t.core.storage.status()).recovery).toBeNull();
  });

  it('names the data folder in the permission error', async () => {
    const dir = await makeTempDir();
    const fs = new FaultyFs(path.join(dir, 'llm-profiles.json'));
    t = await createTestCore({ dir, fs });
    fs.arm('open', 'EACCES');
    // The learner reads which folder to check.
    const error = await expectAppError(() => t!.core.profiles.create(localProfileInput()), 'VAULT_PERMISSION_DENIED');
    expect(error.remediation).toContain(dir);
  });
});
