// The whole life of a profile with the keyboard alone — create (it becomes the one in use), test, activate
// another, delete — and not one mouse event: every step is reached with Tab/Shift+Tab and operated with Enter/Space.
import { expect, test } from './support/app-fixture.js';
import { tabTo } from './support/keyboard.js';

test('create → test → activate → delete with the keyboard only', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2', 'qwen3'] });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  // A cloud profile already saved (with consent): it is not in use, so the new local one becomes the one in use.
  await t.core.profiles.create({
    name: 'Cloud notes',
    kind: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    apiKey: 'sk-e2e-cloud-notes-abcdefgh-1111',
    remoteConsent: true,
  });
  await page.reload();
  await expect(page.getByTestId('in-use')).toHaveText('No profile in use: choose one with “Use this”.');
  let mouseEvents = 0;
  await page.exposeFunction('__mouseEvent', () => (mouseEvents += 1));
  await page.evaluate(() => {
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown'] as const) {
      window.addEventListener(
        type,
        (e) => {
          if (e.detail > 0 || e.type !== 'click') (window as unknown as { __mouseEvent(): void }).__mouseEvent();
        },
        true,
      );
    }
  });
  // Create
  await tabTo(page, 'Add profile');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Name', 'text');
  await page.keyboard.type('Keyboard Ollama');
  await tabTo(page, 'Server address', 'url');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(fake.url);
  // The server on this computer is asked for its models by itself; the box gets the one in memory, and the
  // learner picks another from the list with the arrow keys.
  await expect(dialog.getByRole('status').filter({ hasText: '2 models found on the server.' })).toHaveCount(1);
  await tabTo(page, 'Model', 'combobox');
  const box = dialog.getByRole('combobox', { name: 'Model' });
  await expect(box).toHaveValue('llama3.2');
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(dialog.getByRole('option', { name: /llama3\.2/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('option', { name: /qwen3/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(box).toHaveValue('qwen3');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Save profile');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Keyboard Ollama/ })).toBeVisible();
  await expect(page.getByTestId('in-use')).toHaveText('Using: Keyboard Ollama · qwen3');

  // Test
  await tabTo(page, 'Test Keyboard Ollama');
  await page.keyboard.press('Enter');
  const testDialog = page.getByRole('dialog', { name: 'Test Keyboard Ollama' });
  await expect(testDialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(testDialog).toBeHidden();

  // Activate
  await tabTo(page, 'Use this: Cloud notes');
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: /Cloud notes/ })).toContainText('Active');
  // "Use this" is gone now: focus went to the card's heading (listed first now), not to the page.
  await expect(page.getByRole('heading', { name: /Cloud notes/ })).toBeFocused();
  await expect(page.getByTestId('in-use')).toHaveText('Using: Cloud notes · gpt-4o-mini');
  await expect(page.locator('.profile-card h2').first()).toContainText('Cloud notes');

  // Delete (the confirmation opens on the safe choice)
  await tabTo(page, 'Delete Keyboard Ollama');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Delete Keyboard Ollama?' });
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Delete profile' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Keyboard Ollama/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your model profiles' })).toBeFocused();
  expect(mouseEvents).toBe(0);
});
