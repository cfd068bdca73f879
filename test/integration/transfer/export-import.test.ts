// Export and import against real vaults (fake cipher, real files):
// - a round trip onto a fresh vault gives equal profiles with new ids, no keys and no consent;
// - with a passphrase the keys come back, a wrong one is refused, and no form of a key is in the file's bytes;
// - every hostile file is a catalogued error (or an invalid entry) and leaves the vault byte-identical;
// - the preview says exactly what the commit does, and a vault changed after the preview is not written.
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors/error-codes.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { TRANSFER_MAX_BYTES } from '../../../shared/transfer.contract.js';
import { AppError } from '../../../src/errors/app-error.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { findKeyForms } from '../../support/key-forms.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';

const KEY = 'sk-transfer-key-abcdefgh-5151';
const HEADER_VALUE = 'gateway-token-transfer-9090';
const PASSPHRASE = 'correct horse battery staple';
for (const s of [KEY, HEADER_VALUE, PASSPHRASE]) recordTestSecret(s);

const cores: TestCore[] = [];
afterEach(async () => {
  for (const t of cores.splice(0)) await t.dispose();
});
async function core(): Promise<TestCore> {
  const t = await createTestCore();
  cores.push(t);
  return t;
}

async function seeded(): Promise<TestCore> {
  const t = await core();
  await t.core.profiles.create({
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await t.core.profiles.create({
    name: 'Work',
    kind: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    apiKey: KEY,
    headers: [{ name: 'X-Gateway', value: HEADER_VALUE }],
    remoteConsent: true,
  });
  await t.core.profiles.create({
    name: 'Studio',
    kind: 'openai-compatible',
    preset: 'lmstudio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'qwen3',
    timeoutMs: 20_000,
    loadTimeoutMs: 120_000,
    proxy: { mode: 'direct' },
  });
  return t;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** The settings a learner chose, without what belongs to one computer (ids, revisions, times, consent, tests). */
function settings(p: ProfileView) {
  const {
    id,
    revision,
    createdAt,
    updatedAt,
    isActive,
    remoteConsentAt,
    lastTest,
    hasApiKey,
    apiKeyHint,
    keyStatus,
    headersStatus,
    proxyPasswordSaved,
    headerNames,
    ...rest
  } = p;
  void [
    id,
    revision,
    createdAt,
    updatedAt,
    isActive,
    remoteConsentAt,
    lastTest,
    hasApiKey,
    apiKeyHint,
    keyStatus,
    headersStatus,
    proxyPasswordSaved,
    headerNames,
  ];
  return rest;
}

async function codeOf(call: Promise<unknown>): Promise<ErrorCode> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('export → import', () => {
  it('round-trips onto a fresh vault: equal settings, new ids, no keys, no consent', async () => {
    const source = await seeded();
    const file = await source.core.transfer.exportFile({});
    expect(findKeyForms(file, [KEY, HEADER_VALUE])).toEqual([]);
    expect(file).not.toContain('remoteConsent');
    const parsed = JSON.parse(file) as { format: string; version: number; profiles: Array<{ headerNames?: string[] }> };
    expect(parsed).toMatchObject({ format: 'llm-profiles', version: 1 });
    expect(parsed.profiles[1]!.headerNames).toEqual(['X-Gateway']);

    const target = await core();
    const preview = await target.core.transfer.preview(bytes(file));
    expect(preview.entries.map((e) => [e.name, e.status, e.needsConsent, e.needsKey, e.bringsSecrets])).toEqual([
      ['Ollama', 'new', false, false, false],
      ['Work', 'new', true, true, false],
      ['Studio', 'new', false, false, false],
    ]);
    const result = await target.core.transfer.commit(bytes(file), undefined, {
      decisions: [],
      revision: preview.revision,
    });
    expect(result).toEqual({ added: ['Ollama', 'Work', 'Studio'], replaced: [], skipped: 0 });
    const before = source.core.profiles.list().profiles;
    const after = target.core.profiles.list().profiles;
    expect(after.map(settings)).toEqual(before.map(settings));
    expect(after.map((p) => p.id)).not.toEqual(expect.arrayContaining(before.map((p) => p.id)));
    expect(after.map((p) => [p.hasApiKey, p.remoteConsentAt])).toEqual([
      [false, null],
      [false, null],
      [false, null],
    ]);
    // An imported remote profile asks before it is used, as a new one does.
    expect(await codeOf(target.core.profiles.activate({ id: after[1]!.id }))).toBe('CONSENT_REQUIRED');
  });

  it('with a passphrase the key and header values come back; a wrong passphrase changes nothing', async () => {
    const source = await seeded();
    const file = await source.core.transfer.exportFile({ passphrase: PASSPHRASE });
    expect(findKeyForms(file, [KEY, HEADER_VALUE, PASSPHRASE])).toEqual([]);
    expect(findKeyForms(Buffer.from(file).toString('latin1'), [KEY, HEADER_VALUE, PASSPHRASE])).toEqual([]);

    const target = await core();
    await target.core.profiles.create({ name: 'Mine', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'x' });
    const untouched = await target.readVaultBytes();
    expect(await codeOf(target.core.transfer.preview(bytes(file), 'not the passphrase'))).toBe(
      'TRANSFER_PASSPHRASE_WRONG',
    );
    expect(
      await codeOf(
        target.core.transfer.commit(bytes(file), 'not the passphrase', {
          decisions: [],
          revision: target.core.profiles.list().revision,
        }),
      ),
    ).toBe('TRANSFER_PASSPHRASE_WRONG');
    expect(await target.readVaultBytes()).toEqual(untouched);

    const locked = await target.core.transfer.preview(bytes(file));
    expect(locked.secretsLocked).toBe(true);
    const preview = await target.core.transfer.preview(bytes(file), PASSPHRASE);
    expect(preview.entries[1]).toMatchObject({ name: 'Work', needsKey: false, bringsSecrets: true });
    await target.core.transfer.commit(bytes(file), PASSPHRASE, { decisions: [], revision: preview.revision });
    const work = target.core.profiles.list().profiles.find((p) => p.name === 'Work')!;
    expect(work).toMatchObject({
      hasApiKey: true,
      apiKeyHint: '5151',
      headerNames: ['X-Gateway'],
      remoteConsentAt: null,
    });
    expect(target.core.profiles.apiKeyFor(work.id)).toBe(KEY);
    expect(target.core.profiles.headersFor(work.id)).toEqual([{ name: 'X-Gateway', value: HEADER_VALUE }]);
    expect(findKeyForms((await target.readVaultBytes())!.toString('latin1'), [KEY, HEADER_VALUE, PASSPHRASE])).toEqual(
      [],
    );
  });
});

describe('hostile files', () => {
  const valid = async () => JSON.parse(await (await seeded()).core.transfer.exportFile({})) as Record<string, unknown>;

  it('each is a catalogued error and leaves the vault byte-identical', async () => {
    const good = await valid();
    const profiles = good.profiles as Array<Record<string, unknown>>;
    const cases: Array<[string, Uint8Array, ErrorCode]> = [
      ['too large', new Uint8Array(TRANSFER_MAX_BYTES + 1).fill(0x20), 'TRANSFER_FILE_TOO_LARGE'],
      ['deeply nested', bytes(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'TRANSFER_FILE_INVALID'],
      ['truncated', bytes(JSON.stringify(good).slice(0, 200)), 'TRANSFER_FILE_INVALID'],
      ['not text', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), 'TRANSFER_FILE_INVALID'],
      ['another format', bytes(JSON.stringify({ ...good, format: 'chatbox' })), 'TRANSFER_FILE_INVALID'],
      ['a newer version', bytes(JSON.stringify({ ...good, version: 2 })), 'TRANSFER_VERSION_NEWER'],
      ['an unknown field', bytes(JSON.stringify({ ...good, extra: true })), 'TRANSFER_FILE_INVALID'],
      ['a huge string', bytes(JSON.stringify({ ...good, appVersion: 'x'.repeat(100_000) })), 'TRANSFER_FILE_INVALID'],
      [
        'duplicate ids',
        bytes(JSON.stringify({ ...good, profiles: [profiles[0], { ...profiles[2], id: profiles[0]!.id }] })),
        'TRANSFER_FILE_INVALID',
      ],
      [
        'damaged seal',
        bytes(
          JSON.stringify({
            ...good,
            secrets: {
              kdf: 'scrypt',
              N: 32768,
              r: 8,
              p: 1,
              salt: 'AAAA',
              cipher: 'aes-256-gcm',
              iv: 'AAAA',
              tag: 'AAAA',
              data: 'AAAA',
            },
          }),
        ),
        'TRANSFER_PASSPHRASE_WRONG',
      ],
    ];
    const t = await seeded();
    const before = await t.readVaultBytes();
    const revision = t.core.profiles.list().revision;
    for (const [what, file, code] of cases) {
      expect(await codeOf(t.core.transfer.preview(file, PASSPHRASE)), `preview: ${what}`).toBe(code);
      expect(
        await codeOf(t.core.transfer.commit(file, PASSPHRASE, { decisions: [], revision })),
        `commit: ${what}`,
      ).toBe(code);
      expect(await t.readVaultBytes(), what).toEqual(before);
    }
  });

  it('bad entries are listed with the field they belong to, and importing them writes nothing', async () => {
    const good = await valid();
    const [first] = good.profiles as Array<Record<string, unknown>>;
    const file = bytes(
      JSON.stringify({
        ...good,
        profiles: [
          { ...first, id: 'a', baseUrl: 'ftp://example.com' },
          { ...first, id: 'b', name: 'n'.repeat(10_000) },
          { ...first, id: 'c', unexpected: 1 },
          { ...first, id: 'd', kind: 'skynet' },
        ],
      }),
    );
    const t = await core();
    const preview = await t.core.transfer.preview(file);
    expect(preview.entries.map((e) => e.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(preview.entries.map((e) => e.problems[0]?.field)).toEqual(['baseUrl', 'name', 'unexpected', 'kind']);
    const result = await t.core.transfer.commit(file, undefined, { decisions: [], revision: preview.revision });
    expect(result).toEqual({ added: [], replaced: [], skipped: 4 });
    expect(await t.readVaultBytes()).toBeNull();
  });
});

describe('the preview says what the commit does', () => {
  it('new entries are added, a taken name is renamed, skipped or replaced as chosen, invalid ones are left', async () => {
    const source = await seeded();
    const file = bytes(await source.core.transfer.exportFile({}));
    const t = await core();
    const mine = await t.core.profiles.create({
      name: 'work',
      kind: 'ollama',
      baseUrl: 'http://127.0.0.1:11434',
      model: 'm',
    });
    await t.core.profiles.create({ name: 'Studio', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' });
    const preview = await t.core.transfer.preview(file);
    expect(preview.entries.map((e) => [e.name, e.status])).toEqual([
      ['Ollama', 'new'],
      ['Work', 'same-name'],
      ['Studio', 'same-name'],
    ]);
    const result = await t.core.transfer.commit(file, undefined, {
      decisions: [
        { index: 1, action: 'rename', name: 'Work (imported)' },
        { index: 2, action: 'replace' },
      ],
      revision: preview.revision,
    });
    expect(result).toEqual({ added: ['Ollama', 'Work (imported)'], replaced: ['Studio'], skipped: 0 });
    const names = t.core.profiles.list().profiles.map((p) => p.name);
    expect(names).toEqual(['work', 'Ollama', 'Work (imported)', 'Studio']);
    expect(t.core.profiles.get({ id: mine.id }).model).toBe('m');
    expect(t.core.profiles.list().profiles.find((p) => p.name === 'Studio')!.model).toBe('qwen3');
  });

  it('a vault changed after the preview is not written; a rename to a taken name is a field error', async () => {
    const file = bytes(await (await seeded()).core.transfer.exportFile({}));
    const t = await core();
    await t.core.profiles.create({ name: 'Work', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' });
    const preview = await t.core.transfer.preview(file);
    await t.core.profiles.create({ name: 'Elsewhere', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' });
    const before = await t.readVaultBytes();
    expect(await codeOf(t.core.transfer.commit(file, undefined, { decisions: [], revision: preview.revision }))).toBe(
      'TRANSFER_PREVIEW_STALE',
    );
    const fresh = await t.core.transfer.preview(file);
    expect(
      await codeOf(
        t.core.transfer.commit(file, undefined, {
          decisions: [{ index: 1, action: 'rename', name: 'ELSEWHERE' }],
          revision: fresh.revision,
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await t.readVaultBytes()).toEqual(before);
  });
});
