// The support bundle, unzipped by the test: every file in the manifest (with its size and hash), no form of any
// key, header value or proxy password in any file, names only when asked, and a bundle that would carry a live
// secret refused before anything is saved.
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleManifestSchema } from '../../../shared/support.contract.js';
import { AppError } from '../../../src/errors/app-error.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { fakeFileDialogs } from '../../support/fake-file-dialogs.js';
import { findKeyForms } from '../../support/key-forms.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';

const KEY = 'sk-bundle-key-abcdefghij-3131';
const HEADER_VALUE = 'bundle-gateway-token-6262';
const PROXY_PASSWORD = 'bundle-proxy-password-7373';
for (const s of [KEY, HEADER_VALUE, PROXY_PASSWORD]) recordTestSecret(s);

let t: TestCore | undefined;
afterEach(async () => t?.dispose());

async function seeded() {
  const files = fakeFileDialogs();
  t = await createTestCore({ files, logsInDataDir: true });
  await t.core.profiles.create({
    name: 'Homework helper',
    kind: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    apiKey: KEY,
    headers: [{ name: 'X-Gateway', value: HEADER_VALUE }],
    proxy: { mode: 'fixed', url: 'http://proxy.school.example:3128', username: 'pupil' },
    proxyPassword: PROXY_PASSWORD,
    remoteConsent: true,
  });
  await t.core.profiles.create({
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  return { t, files };
}

describe('the support bundle', () => {
  it('lists every file in its manifest and holds no key, header value or proxy password in any form', async () => {
    const { t, files } = await seeded();
    const outcome = await t.core.support.saveToFile({});
    expect(outcome).toMatchObject({ status: 'saved', fileName: 'profiles.json' });
    const zip = files.saved[0]!.bytes;
    expect(files.saved[0]!.kind).toBe('support-bundle');
    const unzipped = unzipSync(zip);
    const manifest = BundleManifestSchema.parse(JSON.parse(strFromU8(unzipped['manifest.json']!)));
    expect(Object.keys(unzipped).sort()).toEqual(['manifest.json', ...manifest.files.map((f) => f.name)].sort());
    for (const f of manifest.files) {
      expect(unzipped[f.name]!.byteLength, f.name).toBe(f.bytes);
      expect(createHash('sha256').update(unzipped[f.name]!).digest('hex'), f.name).toBe(f.sha256);
    }
    expect(manifest.files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['about.json', 'storage.json', 'profiles.json']),
    );
    expect(manifest.files.some((f) => f.name.startsWith('logs/'))).toBe(true);
    const everything = [zip, ...Object.values(unzipped)].map((b) => Buffer.from(b).toString('latin1')).join('\n');
    expect(findKeyForms(everything, [KEY, HEADER_VALUE, PROXY_PASSWORD])).toEqual([]);
    const summary = JSON.parse(strFromU8(unzipped['profiles.json']!)) as Array<Record<string, unknown>>;
    expect(summary[0]).toMatchObject({
      name: 'Profile 1',
      kind: 'openai',
      origin: 'https://api.openai.com:443',
      keySaved: true,
      extraHeaders: 1,
      proxy: 'fixed',
    });
    expect(everything).not.toContain('Homework helper');
    expect(everything).not.toContain('pupil');
  });

  it('has the learner’s names only when asked', async () => {
    const { t } = await seeded();
    const files = await t.core.support.contents({ includeNames: true });
    expect(files.get('profiles.json')).toContain('Homework helper');
  });

  it('is refused, and nothing saved, when a live secret would go out in it', async () => {
    const { t, files } = await seeded();
    // A name that is a key: the one place the learner's own words could carry one out.
    await t.core.profiles.create({ name: KEY, kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' });
    const error = await t.core.support.saveToFile({ includeNames: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SUPPORT_BUNDLE_SECRET_FOUND');
    expect(files.saved).toEqual([]);
    // Without names the same profiles make a clean bundle.
    expect(await t.core.support.saveToFile({})).toMatchObject({ status: 'saved' });
  });
});
