// Profiles that move: export to a file (keys sealed under a passphrase), import it back through the preview
// with a name clash resolved by renaming, then duplicate — with the OS Save/Open dialogs answered by the test,
// as the main process owns them and the window never sees a path.
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';
import { fakeFileDialogs } from '../support/fake-file-dialogs.js';
import { findKeyForms } from '../support/key-forms.js';
import { recordTestSecret } from '../support/suite-diagnostics.js';

const KEY = 'sk-e2e-transfer-key-abcdef-8080';
const PASSPHRASE = 'a long and secret phrase';
// The suite's end-of-run scan looks for both in every diagnostics line the app wrote.
recordTestSecret(KEY);
recordTestSecret(PASSPHRASE);

test('export with sealed keys, import with a clash renamed, then duplicate', async ({ launch }) => {
  const files = fakeFileDialogs();
  const app = await launch({ needsCore: true, files });
  const { page, t } = app;
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
    remoteConsent: true,
  });
  await page.reload();

  await page.getByRole('button', { name: 'Export…' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export profiles' });
  await exporting.getByLabel('Include the API keys and other secrets, sealed under a passphrase').check();
  await exporting.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await exporting.getByLabel('The passphrase again').fill(PASSPHRASE);
  expect(await axeViolations(page, 'export dialog')).toEqual([]);
  const save = exporting.getByRole('button', { name: 'Save to a file…' });
  await save.click();
  await expect(exporting.getByTestId('export-outcome')).toHaveText(
    'Saved 2 profiles to profiles.json, keys sealed under your passphrase.',
  );
  await expect(save).toBeFocused();
  await snap(page, '17-export');
  expect(files.saved).toHaveLength(1);
  expect(findKeyForms(files.saved[0]!.text, [KEY, PASSPHRASE])).toEqual([]);
  await exporting.getByRole('button', { name: 'Close', exact: true }).click();

  // The same file back into the same profiles: both names are taken.
  files.nextOpen = { fileName: 'profiles.json', bytes: new TextEncoder().encode(files.saved[0]!.text) };
  await page.getByRole('button', { name: 'Import…' }).click();
  const importing = page.getByRole('dialog', { name: 'Import from profiles.json' });
  const rows = importing.getByRole('list', { name: 'Profiles in the file' });
  await expect(rows.getByRole('listitem').filter({ hasText: 'Name already used' })).toHaveCount(2);
  await importing.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await importing.getByRole('button', { name: 'Unlock the keys' }).click();
  await expect(importing.getByText('its key comes along')).toBeVisible();
  // Ollama under another name (the suggestion), Work skipped.
  await expect(importing.getByLabel('New name for “Ollama”')).toHaveValue('Ollama (imported)');
  const work = rows.getByRole('listitem').filter({ hasText: 'Work' });
  await work.getByLabel('Skip it').check();
  expect(await axeViolations(page, 'import preview')).toEqual([]);
  await snap(page, '18-import-preview');
  await importing.getByRole('button', { name: 'Import 1 profile' }).click();
  await expect(importing).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 profile: Ollama (imported).' })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Your model profiles' })).toBeFocused();
  expect(t.core.profiles.list().profiles.map((p) => p.name)).toEqual(['Ollama', 'Work', 'Ollama (imported)']);

  await page.getByRole('button', { name: 'Duplicate Ollama (imported)' }).click();
  await page
    .getByRole('dialog', { name: 'Duplicate Ollama (imported)' })
    .getByRole('button', { name: 'Duplicate', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: /^Ollama \(imported\) \(copy\)/ })).toBeFocused();
  expect(await page.content()).not.toContain(KEY);
});

test('a file that is not a profiles file is refused with what to do, and nothing changes', async ({ launch }) => {
  const files = fakeFileDialogs();
  const app = await launch({ needsCore: true, files });
  const { page, t } = app;
  files.nextOpen = { fileName: 'notes.json', bytes: new TextEncoder().encode('{"format": "llm-profiles", "versi') };
  await page.getByRole('button', { name: 'Import…' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'That file cannot be imported' });
  await expect(alert).toContainText('it is not complete JSON');
  await expect(alert.getByTestId('error-reference')).toHaveText(/\S{8,}/);
  expect(await axeViolations(page, 'import refused')).toEqual([]);
  expect(t.core.profiles.list().profiles).toEqual([]);
  files.nextOpen = null;
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'No file was chosen; nothing was imported.' })).toHaveCount(
    1,
  );
});

test('"Save diagnostics for support" saves one zip and says where', async ({ launch }) => {
  const files = fakeFileDialogs();
  files.nextSaveName = 'for-my-teacher.zip';
  const app = await launch({ needsCore: true, files });
  const { page, t } = app;
  await t.core.profiles.create({
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await page.reload();
  await page.getByRole('button', { name: 'Save diagnostics for support…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save diagnostics for support' });
  await expect(dialog.getByLabel(/Include my profile names/)).not.toBeChecked();
  expect(await axeViolations(page, 'support bundle dialog')).toEqual([]);
  const save = dialog.getByRole('button', { name: 'Save the zip…' });
  await save.click();
  await expect(dialog.getByTestId('support-outcome')).toContainText('Saved for-my-teacher.zip with');
  await expect(save).toBeFocused();
  expect(files.saved.map((s) => s.kind)).toEqual(['support-bundle']);
  // A zip file: it starts with the PK signature.
  expect(Buffer.from(files.saved[0]!.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
});
