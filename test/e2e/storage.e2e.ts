// The storage banners: unavailable (changes blocked, reads work), weak (keys blocked, opt-in), recovered.
import { writeFile } from 'node:fs/promises';
import { expect, test } from './support/app-fixture.js';
import { createTestCore, makeTempDir } from '../support/create-test-core.js';
import { axeViolations, snap } from './support/a11y.js';

test('unavailable secure storage: banner explains, list still shows, saving is refused with what to do', async ({
  launch,
}) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Other', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'qwen3' });
  await t.core.profiles.create({
    name: 'Local',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  t.cipher.setAvailability('unavailable');
  await page.reload();
  const banner = page.getByTestId('storage-banner');
  await expect(banner).toContainText('Secure storage is unavailable');
  await expect(banner).toContainText('Unlock your system keychain');
  await expect(page.getByRole('heading', { name: /Local/ })).toBeVisible();
  expect(await axeViolations(page, 'storage unavailable banner')).toEqual([]);
  await snap(page, '07-storage-unavailable');
  await page.getByRole('button', { name: 'Use this: Local' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'nothing can be saved right now' });
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId('error-reference')).toHaveText(/.{8,}/);
  const reference = await alert.getByTestId('error-reference').textContent();
  await expect
    .poll(() =>
      app.logged(
        (r) =>
          r.event === 'ipc.call' && r.correlationId === reference && r.errorCode === 'VAULT_ENCRYPTION_UNAVAILABLE',
      ),
    )
    .toBe(true);
});

test('weak storage: keys are refused until the learner opts in', async ({ launch }) => {
  const app = await launch({ availability: 'weak' });
  const { page } = app;
  const banner = page.getByTestId('storage-banner');
  await expect(banner).toContainText('API keys can only be weakly protected');
  expect(await axeViolations(page, 'weak storage banner')).toEqual([]);
  await snap(page, '08-storage-weak');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Provider').selectOption('openai-compatible');
  await dialog.getByLabel('Server', { exact: true }).selectOption('jan');
  await dialog.getByLabel('Name', { exact: true }).fill('Jan');
  await dialog.getByLabel('Model', { exact: true }).fill('qwen');
  await dialog.getByLabel('API key', { exact: true }).fill('jan-key-abcdef-1234');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog.getByRole('alert')).toContainText('weakly protect');
  await expect(dialog.getByRole('alert')).toContainText('allow weak key storage in the storage banner');
  await expect(dialog.getByRole('alert').getByTestId('error-reference')).toHaveText(/\S{8,}/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('I understand that my API keys will only be weakly protected on this computer').check();
  await page.getByRole('button', { name: 'Allow weak key storage' }).click();
  await expect(page.getByTestId('storage-banner')).toContainText('Weak key storage is allowed');
});

test('a recovered vault is reported with the path of the damaged file', async ({ launch }) => {
  const dir = await makeTempDir();
  const seed = await createTestCore({ dir });
  await seed.core.profiles.create({
    name: 'Before',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await seed.core.profiles.create({ name: 'After', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'qwen3' });
  await seed.core.close();
  await writeFile(seed.vaultPath, '{ truncated');
  const app = await launch({ dir });
  const { page } = app;
  await expect(
    page.getByRole('region', { name: 'Your profiles file was damaged and has been repaired' }),
  ).toContainText('llm-profiles.corrupt-');
  await expect(page.getByRole('heading', { name: /Before/ })).toBeVisible();
  expect(await axeViolations(page, 'recovered vault banner')).toEqual([]);
});
