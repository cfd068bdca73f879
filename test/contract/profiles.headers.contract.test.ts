// profiles.create / update / get / list / models with extra request headers, through the real IPC link: the
// views name the headers and never hold a value, bad names and values are field errors that change nothing,
// an update keeps, replaces or removes them, and a plain-http remote address refuses them like a key.
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileListSchema, ProfileViewSchema } from '../../shared/profile.contract.js';
import { HEADER_LIMITS } from '../../shared/request-headers.contract.js';
import { expectAppError } from '../support/app-error-assertions.js';
import { startFakeLlm, type FakeServer } from '../support/fake-providers/index.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { localProfileInput, remoteProfileInput } from '../support/profile-builders.js';
import { recordTestSecret } from '../support/suite-diagnostics.js';

const ID = { name: 'CF-Access-Client-Id', value: 'contract-client-id-0123456789' };
const SECRET = { name: 'CF-Access-Client-Secret', value: 'contract-client-secret-abcdefghij' };
recordTestSecret(ID.value);
recordTestSecret(SECRET.value);

let h: IpcHarness;
let server: FakeServer | undefined;
afterEach(async () => {
  await h?.dispose();
  await server?.close();
  server = undefined;
});

async function connect() {
  h = await createIpcHarness();
  return h.connect().client;
}

describe('extra headers over IPC', () => {
  it('create saves them; create, get and list show their names and never a value', async () => {
    const client = await connect();
    const created = await client.profiles.create.mutate(localProfileInput({ headers: [ID, SECRET] }));
    expect(ProfileViewSchema.parse(created)).toMatchObject({
      headerNames: ['CF-Access-Client-Id', 'CF-Access-Client-Secret'],
      headersStatus: 'stored',
    });
    const got = ProfileViewSchema.parse(await client.profiles.get.query({ id: created.id }));
    const list = ProfileListSchema.parse(await client.profiles.list.query());
    expect(got.headerNames).toEqual(created.headerNames);
    expect(list.profiles[0]!.headerNames).toEqual(created.headerNames);
    const text = JSON.stringify([created, got, list]);
    expect(text).not.toContain(ID.value);
    expect(text).not.toContain(SECRET.value);
  });

  it.each([
    ['a name with a space', [{ name: 'CF Access', value: 'v-123456' }], 'headers.0.name'],
    ['a name with a colon', [{ name: 'X-A:', value: 'v-123456' }], 'headers.0.name'],
    ['an empty name', [{ name: '', value: 'v-123456' }], 'headers.0.name'],
    ['a name over 64 characters', [{ name: 'X'.repeat(65), value: 'v-123456' }], 'headers.0.name'],
    ['Authorization', [{ name: 'Authorization', value: 'Bearer x-123456' }], 'headers.0.name'],
    ['x-api-key in any case', [{ name: 'X-Api-KEY', value: 'v-123456' }], 'headers.0.name'],
    ['anthropic-version', [{ name: 'anthropic-version', value: '2099-01-01' }], 'headers.0.name'],
    ['Host', [{ name: 'Host', value: 'evil.example' }], 'headers.0.name'],
    ['a proxy- header', [{ name: 'Proxy-Authorization', value: 'Basic abcdef' }], 'headers.0.name'],
    ['a sec- header', [{ name: 'Sec-Fetch-Site', value: 'none-123' }], 'headers.0.name'],
    ['a duplicate in another case', [ID, { name: 'cf-access-client-id', value: 'other-123456' }], 'headers.1.name'],
    ['a value with CR LF', [{ name: 'X-A', value: 'ok\r\nX-Injected: yes' }], 'headers.0.value'],
    ['a value with LF', [{ name: 'X-A', value: 'ok\nmore' }], 'headers.0.value'],
    ['a value with NUL', [{ name: 'X-A', value: 'ok\u0000more' }], 'headers.0.value'],
    ['a value with an emoji', [{ name: 'X-A', value: 'ok 🙂 value' }], 'headers.0.value'],
    ['an empty value', [{ name: 'X-A', value: '   ' }], 'headers.0.value'],
    ['a value over 4,096 characters', [{ name: 'X-A', value: 'v'.repeat(4097) }], 'headers.0.value'],
    [
      'more than 16 headers',
      Array.from({ length: HEADER_LIMITS.count + 1 }, (_, i) => ({ name: `X-H${i}`, value: `value-${i}` })),
      'headers',
    ],
    ['a kept value on create', [{ name: 'X-A', keep: true }], 'headers.0'],
  ])('VALIDATION_FAILED for %s, and nothing is saved', async (_label, headers, field) => {
    const client = await connect();
    const before = await h.t.readVaultBytes();
    const data = await expectAppError(
      client.profiles.create.mutate({ ...localProfileInput(), headers } as never),
      'VALIDATION_FAILED',
    );
    // A kept value on create is an unknown field (create has nothing to keep), and the value is missing.
    expect(data.fieldErrors?.map((e) => e.field)).toEqual(
      field === 'headers.0' ? ['headers.0.value', 'headers.0.keep'] : [field],
    );
    expect((await client.profiles.list.query()).profiles).toEqual([]);
    expect(await h.t.readVaultBytes()).toEqual(before);
  });

  it('update: absent keeps, a list with keep entries replaces around them, null removes', async () => {
    const client = await connect();
    const p = await client.profiles.create.mutate(localProfileInput({ headers: [ID, SECRET] }));
    const renamed = await client.profiles.update.mutate({ id: p.id, expectedRevision: 1, patch: { name: 'Renamed' } });
    expect(renamed.headerNames).toEqual([ID.name, SECRET.name]);
    const replaced = await client.profiles.update.mutate({
      id: p.id,
      expectedRevision: 2,
      patch: {
        headers: [
          { name: SECRET.name, keep: true },
          { name: 'X-Title', value: 'My learning app' },
        ],
      },
    });
    expect(replaced).toMatchObject({ revision: 3, headerNames: [SECRET.name, 'X-Title'] });
    expect(h.t.core.profiles.headersFor(p.id)).toEqual([SECRET, { name: 'X-Title', value: 'My learning app' }]);
    // The same list again changes nothing: no new revision.
    const same = await client.profiles.update.mutate({
      id: p.id,
      expectedRevision: 3,
      patch: {
        headers: [
          { name: SECRET.name, keep: true },
          { name: 'X-Title', keep: true },
        ],
      },
    });
    expect(same.revision).toBe(3);
    const removed = await client.profiles.update.mutate({ id: p.id, expectedRevision: 3, patch: { headers: null } });
    expect(removed).toMatchObject({ revision: 4, headerNames: [], headersStatus: 'none' });
  });

  it('update: field errors for a kept name that was never saved and for bad values; nothing changes', async () => {
    const client = await connect();
    const p = await client.profiles.create.mutate(localProfileInput({ headers: [ID] }));
    const before = await h.t.readVaultBytes();
    const unknown = await expectAppError(
      client.profiles.update.mutate({
        id: p.id,
        expectedRevision: 1,
        patch: { headers: [{ name: 'X-Never-Saved', keep: true }] },
      }),
      'VALIDATION_FAILED',
    );
    expect(unknown.fieldErrors).toEqual([
      { field: 'headers.0.value', message: expect.stringContaining('X-Never-Saved') },
    ]);
    const bad = await expectAppError(
      client.profiles.update.mutate({
        id: p.id,
        expectedRevision: 1,
        patch: {
          headers: [
            { name: ID.name, keep: true },
            { name: 'Cookie', value: 'a=b-1234' },
          ],
        },
      }),
      'VALIDATION_FAILED',
    );
    expect(bad.fieldErrors?.map((e) => e.field)).toEqual(['headers.1.name']);
    expect(await h.t.readVaultBytes()).toEqual(before);
    expect((await client.profiles.get.query({ id: p.id })).revision).toBe(1);
  });

  it('update: moving to another origin drops them, and keeping one there is refused', async () => {
    const client = await connect();
    const p = await client.profiles.create.mutate(localProfileInput({ headers: [ID, SECRET] }));
    const refused = await expectAppError(
      client.profiles.update.mutate({
        id: p.id,
        expectedRevision: 1,
        patch: { baseUrl: 'http://127.0.0.1:11999', headers: [{ name: ID.name, keep: true }, SECRET] },
      }),
      'VALIDATION_FAILED',
    );
    expect(refused.fieldErrors?.map((e) => e.field)).toEqual(['headers.0.value']);
    // Same origin, another path: kept.
    const samePlace = await client.profiles.update.mutate({
      id: p.id,
      expectedRevision: 1,
      patch: { baseUrl: 'http://127.0.0.1:11434/' },
    });
    expect(samePlace.headerNames).toEqual([ID.name, SECRET.name]);
    const moved = await client.profiles.update.mutate({
      id: p.id,
      expectedRevision: 2,
      patch: { baseUrl: 'http://127.0.0.1:11999' },
    });
    expect(moved.headerNames).toEqual([]);
    const reentered = await client.profiles.update.mutate({
      id: p.id,
      expectedRevision: 3,
      patch: { baseUrl: 'http://localhost:11999', headers: [SECRET] },
    });
    expect(reentered.headerNames).toEqual([SECRET.name]);
  });

  it('PROFILE_HEADERS_NEED_HTTPS for a plain-http address off this computer, on create and update', async () => {
    const client = await connect();
    const plain = { baseUrl: 'http://lan.example:8080/v1', remoteConsent: true, kind: 'openai-compatible' as const };
    const data = await expectAppError(
      client.profiles.create.mutate(
        remoteProfileInput({ ...plain, preset: 'vllm', apiKey: undefined, headers: [SECRET] }),
      ),
      'PROFILE_HEADERS_NEED_HTTPS',
    );
    expect(data.fieldErrors?.map((e) => e.field)).toEqual(['baseUrl']);
    const p = await client.profiles.create.mutate(
      remoteProfileInput({
        ...plain,
        preset: 'vllm',
        apiKey: undefined,
        baseUrl: 'https://gw.example.com/v1',
        headers: [SECRET],
      }),
    );
    await expectAppError(
      client.profiles.update.mutate({
        id: p.id,
        expectedRevision: 1,
        patch: { baseUrl: 'http://gw.example.com/v1', headers: [SECRET] },
        remoteConsent: true,
      }),
      'PROFILE_HEADERS_NEED_HTTPS',
    );
  });

  it('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED for header values under weak protection, naming the headers field', async () => {
    const client = await connect();
    h.t.cipher.setAvailability('weak');
    const data = await expectAppError(
      client.profiles.create.mutate(localProfileInput({ headers: [SECRET] })),
      'VAULT_WEAK_ENCRYPTION_NOT_ALLOWED',
    );
    expect(data.fieldErrors?.map((e) => e.field)).toEqual(['headers']);
  });

  it('models: a draft sends its own values and borrows the saved ones of the same server', async () => {
    server = await startFakeLlm({ kind: 'ollama', models: ['m1'] });
    const client = await connect();
    const p = await client.profiles.create.mutate(
      localProfileInput({ baseUrl: server.url, model: 'm1', headers: [ID, SECRET] }),
    );
    await client.profiles.models.mutate({
      id: p.id,
      draft: {
        kind: 'ollama',
        baseUrl: server.url,
        headers: [
          { name: ID.name, keep: true },
          { name: 'X-New', value: 'new-value-1234' },
        ],
      },
    });
    const sent = server.requests.at(-1)!.headers;
    expect(sent['cf-access-client-id']).toBe(ID.value);
    expect(sent['x-new']).toBe('new-value-1234');
    expect(sent['cf-access-client-secret']).toBeUndefined();
    const data = await expectAppError(
      client.profiles.models.mutate({
        draft: { kind: 'ollama', baseUrl: server.url, headers: [{ name: 'Accept', value: 'x/y' }] },
      }),
      'VALIDATION_FAILED',
    );
    expect(data.fieldErrors?.map((e) => e.field)).toEqual(['draft.headers.0.name']);
  });
});
