// From a failed test to a working profile: the phase that really failed is marked and named in the catalogue's
// words, the way out is offered as a button chosen by the error, and the keyboard alone gets from the failure to a
// passing test — a refused key in three actions, a missing model by picking one the server has.
import { closedPorts } from '../support/ports.js';
import { expect, test } from './support/app-fixture.js';
import type { Page } from '@playwright/test';
import { axeViolations, snap } from './support/a11y.js';
import { tabTo } from './support/keyboard.js';

/** The phase rows of the open test dialog, as "label|time|state" for the failed one and the ones around it. */
async function failedRow(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name: `Test ${name}` });
  await expect(dialog.getByRole('heading', { name: 'Test failed' })).toBeFocused({ timeout: 20_000 });
  const failed = dialog.locator('.phase--failed');
  await expect(failed).toHaveCount(1);
  return { dialog, failed };
}

test('a refused connection fails at "Connecting" with the port, and offers the address and the start command', async ({
  launch,
}) => {
  const [port] = await closedPorts(1);
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Nobody', kind: 'ollama', baseUrl: `http://127.0.0.1:${port}`, model: 'qwen3' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Nobody' }).click();
  const { dialog, failed } = await failedRow(page, 'Nobody');
  await expect(failed).toContainText('Connecting to the server');
  await expect(failed).toContainText('Could not connect');
  await expect(failed).toContainText('failed here');
  // Nothing after the failed phase is shown as done, and nothing before it is pretended.
  await expect(dialog.locator('.phase--done')).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toContainText(`127.0.0.1:${port}`);
  // The command from the advice is code with its own Copy button, not text in backticks.
  const alert = dialog.getByRole('alert');
  await expect(alert.locator('code', { hasText: 'ollama serve' })).toBeVisible();
  await expect(alert).not.toContainText('`');
  await alert.getByRole('button', { name: 'Copy ollama serve' }).click();
  await expect(alert.getByRole('status')).toHaveText(/Copied: ollama serve|The command is selected/);
  await expect(dialog.getByRole('button', { name: 'Change the address…' })).toBeVisible();
  expect(await axeViolations(page, 'test refused connection')).toEqual([]);
  await snap(page, '06b-test-refused');
});

test('a refused key fails at "Server accepted", and is fixed from the failed test in three keyboard actions', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({ kind: 'vllm', apiKey: 'the-right-key-1234' });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({
    name: 'Keyed vLLM',
    kind: 'openai-compatible',
    preset: 'vllm',
    baseUrl: `${fake.url}/v1`,
    model: 'test-model',
    apiKey: 'a-wrong-key-0000',
  });
  await page.reload();
  await page.getByRole('button', { name: 'Test Keyed vLLM' }).click();
  const { dialog, failed } = await failedRow(page, 'Keyed vLLM');
  await expect(failed).toContainText('Server accepted the request');
  await expect(failed).toContainText('Key refused');
  await expect(dialog.locator('.phase--done')).toContainText(['Connecting to the server']);
  // Trying the same key again cannot help: the fix comes first, "Test again" is not the primary button.
  await expect(dialog.getByRole('button', { name: 'Test again' })).not.toHaveClass(/button--primary/);
  expect(await axeViolations(page, 'test key refused')).toEqual([]);
  await snap(page, '06c-test-key-refused');

  // 1: "Replace key…" — the form opens with the new-key field focused.
  await tabTo(page, 'Replace key…');
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Edit Keyed vLLM' });
  await expect(form.getByLabel('New API key')).toBeFocused();
  // 2: the key. 3: Enter saves it, and the test runs again on the saved profile.
  await page.keyboard.type('the-right-key-1234');
  await page.keyboard.press('Enter');
  const again = page.getByRole('dialog', { name: 'Test Keyed vLLM' });
  await expect(again.getByRole('heading', { name: 'Test passed' })).toBeFocused();
});

test('a missing model fails at "Model is answering" and is fixed by picking an installed one', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2', 'qwen3'] });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Typo', kind: 'ollama', baseUrl: fake.url, model: 'qwen3:8b' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Typo' }).click();
  const { dialog, failed } = await failedRow(page, 'Typo');
  await expect(failed).toContainText('Model is answering');
  await expect(failed).toContainText('Model not found');
  // The server answered "no such model": it was reached and took the request.
  await expect(dialog.locator('.phase--done')).toContainText([
    'Connecting to the server',
    'Server accepted the request',
  ]);
  // The installed models, right there, announced; the first chat model is preselected.
  await expect(dialog.locator('[role=status]', { hasText: '2 models found on the server.' })).toBeAttached();
  const picker = dialog.getByLabel('Models on this server');
  await expect(picker).toHaveValue('llama3.2');
  expect(await axeViolations(page, 'test model missing')).toEqual([]);
  await snap(page, '06d-test-model-missing');
  // With the keyboard: to the list, the next model, then the button.
  await tabTo(page, 'Models on this server', 'select');
  await page.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue('qwen3');
  await tabTo(page, 'Use this model and test again');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  await expect(dialog).toContainText('with model qwen3');
  expect(t.core.profiles.list().profiles[0]?.model).toBe('qwen3');
});

test('a model too slow to start fails at "First words" and offers the time limit, focused in the form', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({ kind: 'ollama', firstTokenDelayMs: 4_000 });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({
    name: 'Slow',
    kind: 'ollama',
    baseUrl: fake.url,
    model: 'test-model',
    timeoutMs: 1_000,
  });
  await page.reload();
  await page.getByRole('button', { name: 'Test Slow' }).click();
  const { dialog, failed } = await failedRow(page, 'Slow');
  await expect(failed).toContainText('First words received');
  await expect(failed).toContainText('Model too slow to start');
  // Ollama says nothing between accepting the request and the first words, so "Model is answering" is not
  // shown as passed either.
  await expect(dialog.locator('.phase--done')).toContainText([
    'Connecting to the server',
    'Server accepted the request',
  ]);
  await dialog.getByRole('button', { name: 'Change time limit…' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Slow' }).getByLabel('Time limit (seconds)')).toBeFocused();
});

test('a model that does not load in time fails at "Loading" and offers to load it', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({
    kind: 'ollama',
    models: ['big-model'],
    modelInfo: { 'big-model': { loaded: false } },
    loadDelayMs: 60_000,
  });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  // The shortest load limit a profile takes.
  await t.core.profiles.create({
    name: 'Huge',
    kind: 'ollama',
    baseUrl: fake.url,
    model: 'big-model',
    loadTimeoutMs: 10_000,
  });
  await page.reload();
  await page.getByRole('button', { name: 'Test Huge' }).click();
  const { dialog, failed } = await failedRow(page, 'Huge');
  await expect(failed).toContainText('Loading the model into memory');
  await expect(failed).toContainText('Model still loading');
  await expect(dialog.locator('.phase--done')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Load the model of Huge' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Change the time to load…' })).toBeVisible();
});
