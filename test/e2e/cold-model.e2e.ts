// A cold model in the real renderer: the test shows "Loading the model into memory" with the model's size and a
// live "waiting N s", then the prompt's phases, and passes; "Load model" on the card warms a model without a
// test, keeping focus on its button while it runs.
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';

test('a cold model: the loading phase with its size and the time waited, then the test passes', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({
    kind: 'ollama',
    models: ['big-model'],
    modelInfo: { 'big-model': { loaded: false } },
    loadDelayMs: 2_500,
  });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Cold', kind: 'ollama', baseUrl: fake.url, model: 'big-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Cold' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Cold' });
  const progress = dialog.getByRole('list', { name: 'Test progress' });
  await expect(progress).toContainText('Loading the model into memory (2.0 GB)');
  await expect(progress).toContainText(/waiting [12] s/);
  expect(await axeViolations(page, 'model loading')).toEqual([]);
  await snap(page, '05c-model-loading');
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeFocused({ timeout: 15_000 });
  await expect(progress.getByRole('listitem').first()).toContainText('✓');
});

test('"Load model" warms a model without a test, and focus stays on its button', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({
    kind: 'ollama',
    models: ['big-model'],
    modelInfo: { 'big-model': { loaded: false } },
    loadDelayMs: 800,
  });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Warm me', kind: 'ollama', baseUrl: fake.url, model: 'big-model' });
  await page.reload();
  const button = page.getByRole('button', { name: 'Load the model of Warm me' });
  await button.click();
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toBeFocused();
  await expect(page.getByText(/big-model is loaded \(took/).first()).toBeVisible();
  await expect(button).toBeFocused();
  expect(fake.requests.some((r) => r.path === '/api/chat')).toBe(false);
  await button.click();
  await expect(page.getByText('big-model is already in memory.').first()).toBeVisible();
});
