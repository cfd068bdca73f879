// The two address options of OpenAI and OpenAI-compatible profiles, end to end through the core against a
// loopback gateway whose paths the usual guessing gets wrong: "use the address exactly as typed" (no /v1 added)
// and "model list address" (the list read from a path of the learner's choosing, with the key, on the base's own
// origin and nowhere else). Also: vaults written before the options open unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { ModelListSchema } from '../../../shared/models.contract.js';
import { fieldMessage } from '../../../shared/errors/field-messages.js';
import type { ProfileCreateInput } from '../../../shared/profile.contract.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeHttpServer, type FakeServer } from '../../support/fake-providers/index.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';
import { runTest } from '../../support/provider-test-helpers.js';

const KEY = 'sk-gateway-key-0042';
const LIST = { object: 'list', data: [{ id: 'gw-b' }, { id: 'gw-a' }] };

/** A gateway that answers its model list at /gw/catalog/list only, behind the key, and 404s everything else. */
function gateway(req: { method: string; path: string; headers: Record<string, string> }, res: ServerResponse): void {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== `Bearer ${KEY}`) return json(401, { error: { message: 'no key' } });
  if (req.method === 'GET' && req.path === '/gw/catalog/list') return json(200, LIST);
  return json(404, { error: { message: `no route ${req.path}` } });
}

let t: TestCore;
let fake: FakeServer;
let elsewhere: FakeServer;
beforeEach(async () => {
  recordTestSecret(KEY);
  t = await createTestCore();
  fake = await startFakeHttpServer(gateway);
  elsewhere = await startFakeHttpServer(gateway);
});
afterEach(async () => {
  await fake.close();
  await elsewhere.close();
  await t.dispose();
});

const profile = (over: Partial<ProfileCreateInput> = {}): ProfileCreateInput => ({
  name: 'Gateway',
  kind: 'openai-compatible',
  preset: 'other',
  baseUrl: `${fake.url}/gw`,
  model: 'gw-a',
  apiKey: KEY,
  ...over,
});

describe('model list address', () => {
  it("a saved profile lists its models there, sending the key, and says that's where they came from", async () => {
    const created = await t.core.profiles.create(profile({ modelsUrl: `${fake.url}/gw/catalog/list` }));
    expect(created).toMatchObject({ exactAddress: false, modelsUrl: `${fake.url}/gw/catalog/list` });
    const list = ModelListSchema.parse(await t.core.models.list({ id: created.id }));
    expect(list.models.map((m) => m.id)).toEqual(['gw-a', 'gw-b']);
    expect(list.endpoint).toBe(`${fake.url}/gw/catalog/list`);
    expect(fake.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', '/gw/catalog/list', `Bearer ${KEY}`],
    ]);
  });

  it('an unsaved form draft uses it too, and a draft borrowing the saved key keeps it on the same origin', async () => {
    const draft = { kind: 'openai-compatible' as const, preset: 'other' as const, baseUrl: `${fake.url}/gw` };
    const list = await t.core.models.list({
      draft: { ...draft, apiKey: KEY, modelsUrl: `${fake.url}/gw/catalog/list` },
    });
    expect(list.endpoint).toBe(`${fake.url}/gw/catalog/list`);
    const saved = await t.core.profiles.create(profile());
    const borrowed = await t.core.models.list({
      id: saved.id,
      draft: { ...draft, exactAddress: true, modelsUrl: `${fake.url}/gw/catalog/list` },
    });
    expect(borrowed.models).toHaveLength(2);
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it.each([
    ['another port', () => `${elsewhere.url}/gw/catalog/list`],
    ['another host', () => `http://localhost:${fake.port}/gw/catalog/list`],
  ])('on %s is refused on its field: nothing is saved and nothing is sent', async (_label, other) => {
    const before = await t.readVaultBytes();
    const refused = await expectAppError(t.core.profiles.create(profile({ modelsUrl: other() })), 'VALIDATION_FAILED');
    expect(refused.fieldErrors).toEqual([
      { field: 'modelsUrl', message: fieldMessage('modelsUrlOtherServer', { origin: fake.url }) },
    ]);
    expect(t.core.profiles.list().profiles).toEqual([]);
    expect(await t.readVaultBytes()).toEqual(before);

    const saved = await t.core.profiles.create(profile({ modelsUrl: `${fake.url}/gw/catalog/list` }));
    const bytes = await t.readVaultBytes();
    const patched = await expectAppError(
      t.core.profiles.update({ id: saved.id, expectedRevision: 1, patch: { modelsUrl: other() } }),
      'VALIDATION_FAILED',
    );
    expect(patched.fieldErrors?.map((f) => f.field)).toEqual(['modelsUrl']);
    expect(await t.readVaultBytes()).toEqual(bytes);

    const drafted = await expectAppError(
      t.core.models.list({
        id: saved.id,
        draft: { kind: 'openai-compatible', preset: 'other', baseUrl: `${fake.url}/gw`, modelsUrl: other() },
      }),
      'VALIDATION_FAILED',
    );
    expect(drafted.fieldErrors?.map((f) => f.field)).toEqual(['draft.modelsUrl']);
    expect(fake.requests).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
  });

  it('moving the server address to another origin leaves the model list address behind, so it is refused', async () => {
    const saved = await t.core.profiles.create(profile({ modelsUrl: `${fake.url}/gw/catalog/list` }));
    const refused = await expectAppError(
      t.core.profiles.update({
        id: saved.id,
        expectedRevision: 1,
        patch: { baseUrl: `${elsewhere.url}/gw`, apiKey: KEY },
      }),
      'VALIDATION_FAILED',
    );
    expect(refused.fieldErrors?.map((f) => f.field)).toEqual(['modelsUrl']);
    expect(t.core.profiles.get({ id: saved.id }).revision).toBe(1);
  });
});

describe('use the address exactly as typed', () => {
  it('the chat goes to the address + /chat/completions, no /v1 added; the view and the test say so', async () => {
    const created = await t.core.profiles.create(profile({ exactAddress: true }));
    expect(created).toMatchObject({
      exactAddress: true,
      modelsUrl: null,
      resolvedEndpoint: `${fake.url}/gw/chat/completions`,
    });
    const { result } = await runTest(t, created.id);
    expect(result?.resolvedEndpoint).toBe(`${fake.url}/gw/chat/completions`);
    expect(fake.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/gw/chat/completions']]);
  });

  it('can be turned off and cleared, which stores nothing for them', async () => {
    const created = await t.core.profiles.create(
      profile({ exactAddress: true, modelsUrl: `${fake.url}/gw/catalog/list` }),
    );
    const cleared = await t.core.profiles.update({
      id: created.id,
      expectedRevision: 1,
      patch: { exactAddress: false, modelsUrl: null },
    });
    expect(cleared).toMatchObject({
      exactAddress: false,
      modelsUrl: null,
      resolvedEndpoint: `${fake.url}/gw/v1/chat/completions`,
    });
    const stored = t.core.profiles.storedProfile(created.id);
    expect('exactAddress' in stored || 'modelsUrl' in stored).toBe(false);
  });

  it('a kind that builds its own endpoints drops them when the learner switches to it, and refuses them given', async () => {
    const created = await t.core.profiles.create(
      profile({ exactAddress: true, modelsUrl: `${fake.url}/gw/catalog/list` }),
    );
    const refused = await expectAppError(
      t.core.profiles.update({
        id: created.id,
        expectedRevision: 1,
        patch: { kind: 'ollama', preset: null, exactAddress: true },
      }),
      'VALIDATION_FAILED',
    );
    expect(refused.fieldErrors?.map((f) => f.field)).toEqual(['exactAddress']);
    const ollama = await t.core.profiles.update({
      id: created.id,
      expectedRevision: 1,
      patch: { kind: 'ollama', preset: null },
    });
    expect(ollama).toMatchObject({ kind: 'ollama', exactAddress: false, modelsUrl: null });
  });
});

describe('vaults written before these options', () => {
  it('open as they are: no exact address, the usual model list', async () => {
    const created = await t.core.profiles.create(profile());
    await t.core.close();
    const doc = JSON.parse(String(await t.readVaultBytes())) as { profiles: Array<Record<string, unknown>> };
    // What an older app wrote: neither field, at the same schema version.
    expect(Object.keys(doc.profiles[0]!)).not.toContain('exactAddress');
    expect(Object.keys(doc.profiles[0]!)).not.toContain('modelsUrl');
    t = await t.reopen();
    const [view] = t.core.profiles.list().profiles;
    expect(view).toMatchObject({
      id: created.id,
      exactAddress: false,
      modelsUrl: null,
      resolvedEndpoint: `${fake.url}/gw/v1/chat/completions`,
    });
  });

  it('keep them across a restart once set', async () => {
    const created = await t.core.profiles.create(
      profile({ exactAddress: true, modelsUrl: `${fake.url}/gw/catalog/list` }),
    );
    t = await t.reopen();
    expect(t.core.profiles.get({ id: created.id })).toMatchObject({
      exactAddress: true,
      modelsUrl: `${fake.url}/gw/catalog/list`,
    });
  });
});
