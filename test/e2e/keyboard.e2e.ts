// The whole life of a profile with the keyboard alone — create, test, activate, delete — and not one mouse
// event: every step is reached with Tab/Shift+Tab and operated with Enter/Space.
import { expect, test } from './support/app-fixture.js';
import { tabTo } from './support/keyboard.js';

test('create → test → activate → delete with the keyboard only', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2'] });
  const app = await launch();
  const { page } = app;
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
  await tabTo(page, 'Add a profile by hand');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Name', 'text');
  await page.keyboard.type('Keyboard Ollama');
  await tabTo(page, 'Server address', 'url');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(fake.url);
  await tabTo(page, 'Model', 'text');
  await page.keyboard.type('llama3.2');
  await tabTo(page, 'Save profile');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Keyboard Ollama/ })).toBeVisible();

  // Test
  await tabTo(page, 'Test Keyboard Ollama');
  await page.keyboard.press('Enter');
  const testDialog = page.getByRole('dialog', { name: 'Test Keyboard Ollama' });
  await expect(testDialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(testDialog).toBeHidden();

  // Activate
  await tabTo(page, 'Use this: Keyboard Ollama');
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: /Keyboard Ollama/ })).toContainText('Active');
  // "Use this" is gone now: focus went to the card's heading, not to the page.
  await expect(page.getByRole('heading', { name: /Keyboard Ollama/ })).toBeFocused();

  // Delete (the confirmation opens on the safe choice)
  await tabTo(page, 'Delete Keyboard Ollama');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Delete Keyboard Ollama?' });
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Delete profile' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your model profiles' })).toBeFocused();
  expect(mouseEvents).toBe(0);
});
