// "Try your own prompt" in the real renderer: after a passing test the learner sends their own message through
// chat.stream, sees the reply stream in as plain text and hears when it is finished; one button sends and stops,
// so focus never leaves it.
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';

test('a passing test offers the learner’s own prompt, streamed through chat.stream', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', reply: ['Seven', ' is', ' a', ' prime', '.'], tokenDelayMs: 20 });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Tutor', kind: 'ollama', baseUrl: fake.url, model: 'test-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Tutor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Tutor' });
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  const toggle = dialog.getByRole('button', { name: 'Try your own prompt' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const send = dialog.getByTestId('prompt-send');
  // Nothing typed: a field message, nothing sent.
  await send.click();
  await expect(dialog.getByText('Write something for the model to answer.')).toBeVisible();
  await dialog.getByLabel('Your prompt').fill('Name a prime number.');
  await expect(dialog.getByText('Write something for the model to answer.')).toHaveCount(0);
  await send.click();
  await expect(dialog.getByRole('region', { name: 'The model’s reply' })).toHaveText('Seven is a prime.');
  await expect(dialog.getByRole('status').filter({ hasText: 'Reply finished' })).toContainText('5 tokens in');
  await expect(send).toBeFocused();
  await expect(send).toHaveText('Send');
  await expect(dialog.getByTestId('prompt-figures')).toContainText('tokens');
  const chats = fake.requests.filter((r) => r.path === '/api/chat');
  expect(JSON.parse(chats.at(-1)?.body ?? '{}').messages).toEqual([{ role: 'user', content: 'Name a prime number.' }]);
  expect(await axeViolations(page, 'own prompt answered')).toEqual([]);
  await snap(page, '05b-own-prompt');
});

test('Stop ends a streaming reply at once and keeps what came', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({
    kind: 'ollama',
    reply: Array.from({ length: 40 }, (_, i) => ` w${i}`),
    tokenDelayMs: 100,
  });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Chatty', kind: 'ollama', baseUrl: fake.url, model: 'test-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Chatty' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Chatty' });
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Try your own prompt' }).click();
  await dialog.getByLabel('Your prompt').fill('Count for me.');
  await dialog.getByLabel('Your prompt').press('Control+Enter');
  const send = dialog.getByTestId('prompt-send');
  await expect(send).toHaveText('Stop');
  await expect(dialog.getByRole('region', { name: 'The model’s reply' })).toContainText('w3');
  await send.focus();
  await send.click();
  await expect(send).toHaveText('Send');
  await expect(send).toBeFocused();
  await expect(dialog.getByText('Stopped.', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('status').filter({ hasText: 'Reply stopped.' })).toHaveCount(1);
  await expect.poll(() => app.logged((r) => r.event === 'chat.cancelled')).toBe(true);
});
