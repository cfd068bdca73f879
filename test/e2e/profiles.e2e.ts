// Profiles flows in the real renderer: empty state, validation with error summary, consent for a remote
// profile, activate, edit with the write-only key, delete with confirmation, another window's changes.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/app-fixture.js';
import { createTestCore, makeTempDir } from '../support/create-test-core.js';
import { axeViolations, snap } from './support/a11y.js';

test('empty state offers discovery and passes axe', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Find model servers on this computer' })).toBeVisible();
  expect(await axeViolations(page, 'empty state')).toEqual([]);
  await snap(page, '01-empty-state');
});

test('a failed save shows each error by its field and in a focused summary', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Provider').selectOption('openai');
  await dialog.getByLabel('Server address').fill('ftp://api.openai.com');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  const summary = dialog.getByRole('alert').filter({ hasText: 'There are problems' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(4); // name, address, model, key
  // Like every error: what to do, and the reference of the diagnostics line of the refused call.
  await expect(summary).toContainText('correct them, and save again');
  const reference = await summary.getByTestId('error-reference').textContent();
  await expect
    .poll(() =>
      app.logged((r) => r.event === 'ipc.call' && r.correlationId === reference && r.errorCode === 'VALIDATION_FAILED'),
    )
    .toBe(true);
  await expect(dialog.getByText('The address must start with http:// or https://.')).toHaveCount(2);
  await expect(dialog.getByLabel('Server address')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page, 'form with errors')).toEqual([]);
  await snap(page, '03-form-errors');
  await summary.getByRole('link', { name: /Model/ }).click();
  await expect(dialog.getByLabel('Model', { exact: true })).toBeFocused();
  await expect(dialog.getByLabel('Model', { exact: true })).toHaveAttribute('aria-required', 'true');
  // A field's error goes as soon as the learner edits it; the others stand until the next save.
  await page.keyboard.type('gpt-4o-mini');
  await expect(dialog.getByLabel('Model', { exact: true })).not.toHaveAttribute('aria-invalid');
  await expect(dialog.getByLabel('Server address')).toHaveAttribute('aria-invalid', 'true');
  expect(existsSync(path.join(app.dataDir, 'llm-profiles.json'))).toBe(false);
});

test('a remote profile asks for consent in plain words before it is saved', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Provider').selectOption('openai');
  await expect(dialog.getByLabel('Server address')).toHaveValue('https://api.openai.com/v1');
  await expect(dialog.getByTestId('resolved-endpoint')).toHaveText('https://api.openai.com/v1/chat/completions');
  await dialog.getByLabel('Name', { exact: true }).fill('OpenAI');
  await dialog.getByLabel('Model', { exact: true }).fill('gpt-4o-mini');
  await dialog.getByLabel('API key', { exact: true }).fill('sk-e2e-consent-key-00001234');
  const consent = dialog.getByRole('group', { name: 'This server is not on your computer' });
  await expect(consent).toContainText('what you type and your API key are sent over the internet to api.openai.com');
  expect(await axeViolations(page, 'form with consent')).toEqual([]);
  await snap(page, '04-consent');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Confirm that prompts may be sent to api.openai.com');
  await dialog.getByLabel('I agree to send my prompts and API key to api.openai.com').check();
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('heading', { name: /OpenAI/ })).toContainText('Remote: api.openai.com');
  await expect(page.getByText('key …1234')).toBeVisible();
  // The key never comes back to the window.
  expect(await page.content()).not.toContain('sk-e2e-consent-key');
});

test('activate, edit with the write-only key, then delete with confirmation', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  // The first one on this computer is in use from the start; Studio is chosen by hand.
  await t.core.profiles.create({
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await t.core.profiles.create({
    name: 'Studio',
    kind: 'openai-compatible',
    preset: 'lmstudio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'qwen3',
    apiKey: 'lm-studio-token-5678',
  });
  await page.reload();
  await expect(page.getByTestId('in-use')).toHaveText('Using: Ollama · llama3.2');
  await page.getByRole('button', { name: 'Use this: Studio' }).click();
  await expect(page.getByRole('heading', { name: /Studio/ })).toContainText('Active');
  await expect(page.getByTestId('in-use')).toHaveText('Using: Studio · qwen3');
  // The one in use is listed first.
  await expect(page.locator('.profile-card h2').first()).toContainText('Studio');
  await expect(page.getByRole('status').filter({ hasText: 'Studio is now the active profile.' })).toHaveCount(1);
  expect(await axeViolations(page, 'list with active profile')).toEqual([]);
  await snap(page, '02-profile-list');

  await page.getByRole('button', { name: 'Edit Studio' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Studio' });
  await expect(dialog.getByText('Key saved, ending …5678')).toBeVisible();
  await expect(dialog.locator('input[type=password]')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Replace key' }).click();
  await expect(dialog.getByLabel('New API key')).toBeFocused();
  await dialog.getByLabel('New API key').fill('lm-studio-token-9999');
  expect(await axeViolations(page, 'edit form')).toEqual([]);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('key …9999')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Studio' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Studio?' });
  await expect(confirm).toContainText('and its saved API key are removed');
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  expect(await axeViolations(page, 'delete confirmation')).toEqual([]);
  await confirm.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('heading', { name: /Studio/ })).toHaveCount(0);
  await expect(page.getByTestId('in-use')).toHaveText('No profile in use: choose one with “Use this”.');
  expect(t.core.profiles.list().activeProfileId).toBeNull();
});

test('activating a remote profile without consent for its address asks first, in plain words', async ({ launch }) => {
  // A vault from before consent was stored (or edited by hand): the remote profile has none.
  const dir = await makeTempDir();
  const seed = await createTestCore({ dir });
  await seed.core.profiles.create({
    name: 'Lab vLLM',
    kind: 'openai-compatible',
    preset: 'vllm',
    baseUrl: 'http://192.0.2.10:8000/v1',
    model: 'qwen3',
    remoteConsent: true,
  });
  await seed.core.close();
  const raw = JSON.parse(await readFile(seed.vaultPath, 'utf8')) as { profiles: Array<{ remoteConsent: unknown }> };
  raw.profiles[0]!.remoteConsent = null;
  await writeFile(seed.vaultPath, JSON.stringify(raw));
  const app = await launch({ dir });
  const { page, t } = app;
  await page.getByRole('button', { name: 'Use this: Lab vLLM' }).click();
  const ask = page.getByRole('dialog', { name: 'Send prompts to http://192.0.2.10:8000?' });
  await expect(ask).toContainText('what you type is sent over the internet to http://192.0.2.10:8000'); // it has no key to send
  await expect(ask.getByRole('button', { name: 'Not now' })).toBeFocused();
  expect(await axeViolations(page, 'activation consent')).toEqual([]);
  await ask.getByRole('button', { name: 'I agree, use http://192.0.2.10:8000' }).click();
  await expect(page.getByRole('heading', { name: /Lab vLLM/ })).toContainText('Active');
  expect(t.core.profiles.get({ id: t.core.profiles.list().profiles[0]!.id }).remoteConsentAt).not.toBeNull();
});

test('an edit that conflicts with a change made elsewhere offers to load the latest version', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  const p = await t.core.profiles.create({
    name: 'Shared',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await page.reload();
  await page.getByRole('button', { name: 'Edit Shared' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Shared' });
  await dialog.getByLabel('Model', { exact: true }).fill('qwen3');
  // Meanwhile, another window saves a different model.
  await t.core.profiles.update({ id: p.id, expectedRevision: 1, patch: { model: 'mistral' } });
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  const notice = dialog.getByRole('alert');
  await expect(notice).toContainText('changed somewhere else');
  await expect(notice).toBeFocused();
  expect(await axeViolations(page, 'edit conflict')).toEqual([]);
  await notice.getByRole('button', { name: 'Load the latest version' }).click();
  await expect(dialog.getByLabel('Model', { exact: true })).toHaveValue('mistral');
  await dialog.getByLabel('Model', { exact: true }).fill('qwen3');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  expect(t.core.profiles.get({ id: p.id })).toMatchObject({ model: 'qwen3', revision: 3 });
});

test('a change made in one window appears in another without reload', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const second = await app.openSecondWindow();
  await expect(second.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  const { page } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Name', { exact: true }).fill('Shared');
  await dialog.getByLabel('Model', { exact: true }).fill('llama3.2');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(second.getByRole('heading', { name: /Shared/ })).toContainText('Active');
  await expect(second.getByTestId('in-use')).toHaveText('Using: Shared · llama3.2');
  await app.t.core.profiles.create({
    name: 'Other',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'qwen3',
  });
  await second.getByRole('button', { name: 'Use this: Other' }).click();
  await expect(page.getByRole('heading', { name: /Other/ })).toContainText('Active');
  await expect(page.getByTestId('in-use')).toHaveText('Using: Other · qwen3');
});

test('duplicate: a copy under a free name, the key only when kept, focus on the new card', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({
    name: 'Studio',
    kind: 'openai-compatible',
    preset: 'lmstudio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'qwen3',
    apiKey: 'lm-studio-token-dup-4321',
  });
  await page.reload();
  await page.getByRole('button', { name: 'Duplicate Studio' }).click();
  const dialog = page.getByRole('dialog', { name: 'Duplicate Studio' });
  await expect(dialog.getByRole('button', { name: 'Duplicate', exact: true })).toBeFocused();
  const keep = dialog.getByLabel('Copy the saved API key too');
  await expect(keep).not.toBeChecked();
  expect(await axeViolations(page, 'duplicate dialog')).toEqual([]);
  await dialog.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await expect(dialog).toBeHidden();
  const copyHeading = page.getByRole('heading', { name: /^Studio \(copy\)/ });
  await expect(copyHeading).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Studio (copy) was added.' })).toHaveCount(1);
  const copy = t.core.profiles.list().profiles.find((p) => p.name === 'Studio (copy)')!;
  expect(copy).toMatchObject({ hasApiKey: false, model: 'qwen3', isActive: false });

  await page.getByRole('button', { name: 'Duplicate Studio', exact: true }).click();
  await dialog.getByLabel('Copy the saved API key too').check();
  await dialog.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Studio \(copy 2\)/ })).toBeFocused();
  const kept = t.core.profiles.list().profiles.find((p) => p.name === 'Studio (copy 2)')!;
  expect(kept).toMatchObject({ hasApiKey: true, apiKeyHint: '4321' });
  expect(await page.content()).not.toContain('lm-studio-token-dup-4321');
});
