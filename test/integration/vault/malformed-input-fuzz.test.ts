// 1,000 random malformed creates and 1,000 malformed updates: each must end as VALIDATION_FAILED naming a
// field (never a crash, never another code) and leave the vault file exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_COMPATIBLE_PRESETS } from '../../../shared/provider.contract.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { expectAppError } from '../../support/app-error-assertions.js';

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
  fc.double(),
);
const blank = fc.stringMatching(/^\s{0,5}$/);

/** For each field: values that must be refused, whatever else the input holds. */
const badValues: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    blank,
    fc.string({ minLength: 65, maxLength: 120 }).filter((s) => s.trim().length > 64),
    notAString,
  ),
  kind: fc.oneof(
    fc
      .string({ maxLength: 20 })
      .filter((s) => !['openai', 'azure-openai', 'anthropic', 'gemini', 'ollama', 'openai-compatible'].includes(s)),
    notAString,
  ),
  baseUrl: fc.oneof(
    blank,
    fc.constantFrom(
      'ftp://127.0.0.1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ws://127.0.0.1:1234',
      '127.0.0.1:11434',
      'localhost',
    ),
    fc.webUrl({ withFragments: true }).filter((u) => u.includes('#')),
    fc.webUrl({ withQueryParameters: true }).filter((u) => u.includes('?')),
    fc
      .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/))
      .map(([u, p]) => `http://${u}:${p}@127.0.0.1:8080/v1`),
    fc.string({ minLength: 2049, maxLength: 2100 }).map((s) => `http://127.0.0.1/${s}`),
    notAString,
  ),
  model: fc.oneof(
    blank,
    fc.string({ minLength: 201, maxLength: 260 }).filter((s) => s.trim().length > 200),
    notAString,
  ),
  apiKey: fc.oneof(
    fc.constant(''),
    fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc.constantFrom(' ', '\n', '\t', '\r\n', '\u00a0'),
        fc.stringMatching(/^[A-Za-z0-9]{0,20}$/),
      )
      .map(([a, ws, b]) => a + ws + b),
    fc.stringMatching(/^[A-Za-z0-9]{4097,4200}$/),
    notAString,
  ),
  timeoutMs: fc.oneof(
    fc.integer({ min: 30_001 }),
    fc.integer({ max: 999 }),
    fc.double({ min: 1000.01, max: 29_999.99, noInteger: true }),
    fc.constant(Number.NaN),
    fc.string(),
    fc.constant(null),
  ),
  preset: fc.oneof(
    fc.string({ maxLength: 12 }).filter((s) => !(OPENAI_COMPATIBLE_PRESETS as readonly string[]).includes(s)),
    notAString,
  ),
  azureApiVersion: fc.oneof(
    fc.string({ maxLength: 12 }).filter((s) => !/^(v1|\d{4}-\d{2}-\d{2}(-preview)?)$/.test(s.trim())),
    notAString,
  ),
  // Wrong on their own, whatever the rest holds (another origin is refused only beside a valid address).
  modelsUrl: fc.oneof(
    blank,
    fc.constantFrom(
      'ftp://127.0.0.1:1234/models',
      'http://u:p@127.0.0.1:1234/v1/models',
      'http://127.0.0.1:1234/v1/models?all=1',
      'http://127.0.0.1:1234/v1/models#x',
      '/v1/models',
    ),
    notAString,
  ),
  exactAddress: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 })),
  azureDeployment: fc.oneof(
    blank,
    fc.string({ minLength: 1, maxLength: 10 }).filter((s) => /[^A-Za-z0-9._-]/.test(s.trim()) && s.trim().length > 0),
    notAString,
  ),
};

const validBase = {
  name: 'Fuzz base',
  kind: 'openai-compatible',
  preset: 'lmstudio',
  baseUrl: 'http://127.0.0.1:1234/v1',
  model: 'qwen',
} as const;
const validAzure = {
  name: 'Fuzz azure',
  kind: 'azure-openai',
  baseUrl: 'https://r.openai.azure.com',
  model: 'gpt-4o',
  apiKey: 'azure-key-123456',
  azureDeployment: 'gpt4o',
  azureApiVersion: '2024-10-21',
  remoteConsent: true,
};

/** A valid input with one to three fields broken; the broken field names are what the error must mention. */
const brokenCreate = fc
  .tuple(fc.boolean(), fc.uniqueArray(fc.constantFrom(...Object.keys(badValues)), { minLength: 1, maxLength: 3 }))
  .chain(([azure, fields]) => {
    const base = azure ? validAzure : validBase;
    const usable = fields.filter((f) => azure || !f.startsWith('azure'));
    const chosen = usable.length > 0 ? usable : ['model'];
    return fc.tuple(fc.constant(base), fc.constant(chosen), fc.tuple(...chosen.map((f) => badValues[f]!)));
  })
  .map(([base, fields, values]) => ({
    input: { ...base, ...Object.fromEntries(fields.map((f, i) => [f, values[i]])) },
    fields,
  }));

const unknownField = fc
  .stringMatching(/^[a-z][a-zA-Z]{2,10}$/)
  .filter((k) => !(k in validAzure) && !['preset', 'timeoutMs', 'exactAddress', 'modelsUrl'].includes(k));

const malformedCreate = fc.oneof(
  { weight: 8, arbitrary: brokenCreate },
  {
    weight: 1,
    arbitrary: fc
      .tuple(unknownField, fc.anything())
      .map(([k, v]) => ({ input: { ...validBase, [k]: v }, fields: [k] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.anything().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
        fc.object(),
      )
      .map((input) => ({ input, fields: [] as string[] })),
  },
);

let t: TestCore;
let profileId: string;
let vaultBefore: Buffer | null;

beforeAll(async () => {
  t = await createTestCore();
  profileId = (await t.core.profiles.create({ ...validBase, name: 'Existing' })).id;
  vaultBefore = await t.readVaultBytes();
});
afterAll(async () => t.dispose());

describe('malformed input fuzzing', () => {
  it('1,000 malformed creates: each a VALIDATION_FAILED naming a field, vault bytes unchanged', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(malformedCreate, async ({ input, fields }) => {
        runs += 1;
        const error = await expectAppError(() => t.core.profiles.create(input as never));
        expect(error.code).toBe('VALIDATION_FAILED');
        const named = (error.fieldErrors ?? []).map((e) => e.field);
        expect(named.length).toBeGreaterThan(0);
        for (const e of error.fieldErrors ?? []) expect(e.message.length).toBeGreaterThan(0);
        for (const field of fields) expect(named).toContain(field);
      }),
      { numRuns: 1000 },
    );
    expect(runs).toBe(1000);
    expect(await t.readVaultBytes()).toEqual(vaultBefore);
    expect(t.core.profiles.list().profiles).toHaveLength(1);
  });

  it('1,000 malformed updates: each a VALIDATION_FAILED naming a field, vault bytes unchanged', async () => {
    const patchFields = Object.keys(badValues).filter(
      (f) => !['kind', 'preset', 'azureApiVersion', 'azureDeployment'].includes(f),
    );
    const brokenPatch = fc
      .uniqueArray(fc.constantFrom(...patchFields), { minLength: 1, maxLength: 3 })
      // In a patch, null means "remove" for the key and the model list address, so it is not malformed there.
      .chain((fields) =>
        fc.tuple(
          fc.constant(fields),
          fc.tuple(
            ...fields.map((f) =>
              f === 'apiKey' || f === 'modelsUrl' ? badValues[f]!.filter((v) => v !== null) : badValues[f]!,
            ),
          ),
        ),
      )
      .map(([fields, values]) => ({
        input: { id: profileId, expectedRevision: 1, patch: Object.fromEntries(fields.map((f, i) => [f, values[i]])) },
        fields,
      }));
    const brokenEnvelope = fc.oneof(
      fc
        .oneof(
          fc.constant(''),
          fc.string({ minLength: 65, maxLength: 70 }),
          fc.stringMatching(/^[^A-Za-z0-9_-]{1,5}$/),
          notAString,
        )
        .map((id) => ({ input: { id, expectedRevision: 1, patch: {} }, fields: ['id'] })),
      fc
        .oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.string(), fc.constant(null))
        .map((rev) => ({ input: { id: profileId, expectedRevision: rev, patch: {} }, fields: ['expectedRevision'] })),
      fc
        .oneof(
          notAString.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
          fc.string(),
        )
        .map((patch) => ({ input: { id: profileId, expectedRevision: 1, patch }, fields: ['input'] })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: brokenPatch }, { weight: 1, arbitrary: brokenEnvelope }),
        async ({ input, fields }) => {
          const error = await expectAppError(() => t.core.profiles.update(input as never));
          expect(error.code).toBe('VALIDATION_FAILED');
          const named = (error.fieldErrors ?? []).map((e) => e.field);
          expect(named.length).toBeGreaterThan(0);
          for (const field of fields) expect(named).toContain(field);
        },
      ),
      { numRuns: 1000 },
    );
    expect(await t.readVaultBytes()).toEqual(vaultBefore);
    expect(t.core.profiles.get({ id: profileId }).revision).toBe(1);
  });
});
