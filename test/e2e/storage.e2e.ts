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
  // Every write action says why it does nothing, and a press takes the learner to the banner that says what to do.
  const useLocal = page.getByRole('button', { name: 'Use this: Local' });
  await expect(useLocal).toHaveAttribute('aria-disabled', 'true');
  await expect(useLocal).toHaveAccessibleDescription(/blocked until it is back/);
  await expect(page.getByRole('button', { name: 'Add profile' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByRole('button', { name: 'Delete Local' })).toHaveAttribute('aria-disabled', 'true');
  // (Playwright will not click an aria-disabled button; a learner can, and Enter does the same.)
  await useLocal.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Secure storage is unavailable' })).toBeFocused();
  expect(t.core.profiles.list().profiles.find((p) => p.isActive)?.name).toBe('Other');
  // The form still opens (to read a profile), and its Save says why it cannot save.
  await page.getByRole('button', { name: 'Edit Local' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Local' });
  await expect(form.getByTestId('read-only-note')).toContainText('Nothing can be saved right now');
  await expect(form.getByRole('button', { name: 'Save changes' })).toHaveAttribute('aria-disabled', 'true');
  expect(await axeViolations(page, 'form while storage is unavailable')).toEqual([]);
  await form.getByRole('button', { name: 'Cancel' }).click();
  // Storage back (the learner unlocked it): the window notices by itself, and the actions work again.
  t.cipher.setAvailability('available');
  await expect(page.getByTestId('storage-banner')).toHaveCount(0, { timeout: 15_000 });
  await expect(useLocal).toHaveAttribute('aria-disabled', 'false');
  await useLocal.click();
  await expect(page.getByRole('heading', { name: /Local/ })).toContainText('Active');
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
  // One list names every app: Jan is picked by its own name.
  await dialog.getByLabel('Provider').selectOption({ label: 'Jan' });
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
