// The profile form as a learner meets it: in the order they need it, required fields marked, no key field for a
// server that never uses one, a key that can be shown while typed, a changed form that asks before it is thrown
// away, and usable at 320 px wide and at 200 % text. Plus the places that lead on from a dead end: no servers
// found, and figures that explain themselves.
import type { Page } from '@playwright/test';
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';

/** The ids of the form's controls in document (and so Tab) order. */
async function fieldOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('dialog[open] [id^="field-"]')].map((el) => el.id.replace('field-', '')),
  );
}

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    dialog: [...document.querySelectorAll('dialog[open]')].map((d) => d.scrollWidth - d.clientWidth),
  }));
  expect(overflow.page, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  for (const d of overflow.dialog) expect(d, 'a dialog scrolls sideways').toBeLessThanOrEqual(0);
}

test('the form goes provider → address → key → consent → model → more settings; Ollama has no key field', async ({
  launch,
}) => {
  const app = await launch();
  const { page } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(dialog.getByLabel('Provider')).toBeFocused();
  // One list names each app and service, grouped by where it runs.
  const groups = await dialog
    .getByLabel('Provider')
    .evaluate((select) =>
      [...select.querySelectorAll('optgroup')].map((g) => [
        g.label,
        [...g.querySelectorAll('option')].map((o) => o.text),
      ]),
    );
  expect(groups.map(([label]) => label)).toEqual(['On this computer', 'Online services']);
  expect(groups[0]![1]).toEqual(expect.arrayContaining(['Ollama', 'LM Studio', 'Jan', 'llama.cpp server']));
  expect(groups[1]![1]).toEqual(expect.arrayContaining(['OpenAI', 'Anthropic', 'OpenRouter', 'Groq']));
  // Ollama (the default) never uses a key: the field waits behind a disclosure button.
  await expect(dialog.getByLabel('API key', { exact: true })).toBeHidden();
  const askKey = dialog.getByRole('button', { name: 'My server asks for a key' });
  await expect(askKey).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-required', 'true');
  await expect(dialog.getByText('(required)')).toHaveCount(3);
  await expect(dialog.getByRole('group', { name: 'More settings' })).toContainText('Time limit');
  expect(await axeViolations(page, 'form for a server with no keys')).toEqual([]);
  await snap(page, '10-form-local');
  await askKey.click();
  await expect(askKey).toBeFocused();
  await expect(dialog.getByLabel('API key', { exact: true })).toBeVisible();

  // A cloud service: the key comes before consent, consent before the model, the rest after.
  await dialog.getByLabel('Provider').focus();
  await dialog.getByLabel('Provider').selectOption('openai');
  expect(await fieldOrder(page)).toEqual([
    'kind',
    'name',
    'baseUrl',
    'apiKey',
    'remoteConsent',
    'model',
    'timeoutMs',
    'proxy',
    'exactAddress',
    'modelsUrl',
  ]);
  const key = dialog.getByLabel('API key', { exact: true });
  await key.fill('sk-e2e-shown-key-abcdefgh-7777');
  await expect(key).toHaveAttribute('type', 'password');
  const show = dialog.getByRole('button', { name: 'Show key' });
  await show.click();
  await expect(key).toHaveAttribute('type', 'text');
  await expect(dialog.getByRole('button', { name: 'Hide key' })).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.getByRole('button', { name: 'Hide key' })).toBeFocused();
  expect(await axeViolations(page, 'form with the key shown')).toEqual([]);
  await dialog.getByRole('button', { name: 'Hide key' }).click();
  await expect(key).toHaveAttribute('type', 'password');
});

test('Escape or × on a changed form asks before discarding; Escape again keeps editing', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  const add = page.getByRole('button', { name: 'Add profile' });
  // Unchanged: Escape just closes.
  await add.click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(add).toBeFocused();

  await add.click();
  await dialog.getByLabel('Name', { exact: true }).fill('Half done');
  await page.keyboard.press('Escape');
  const ask = dialog.getByTestId('discard-notice');
  await expect(ask).toContainText('Discard your changes?');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  expect(await axeViolations(page, 'discard question')).toEqual([]);
  await snap(page, '11-discard-question');
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Half done');

  await dialog.getByRole('button', { name: 'Close: Add a profile' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(add).toBeFocused();
});

test('at 320 px wide and at 200 % text the list and the form need no sideways scrolling', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({
    name: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'llama3.2',
  });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await expect(page.getByTestId('in-use')).toHaveText('Using: Ollama · llama3.2');
  await noSidewaysScroll(page);
  expect(await axeViolations(page, 'list at 320 px')).toEqual([]);
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a profile' })).toBeVisible();
  await noSidewaysScroll(page);
  expect(await axeViolations(page, 'form at 320 px')).toEqual([]);
  await snap(page, '12-form-320px');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 1100, height: 760 });
  // As a learner's larger default text size does (the styles are in rem, so everything grows with it).
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a profile' })).toBeVisible();
  await noSidewaysScroll(page);
  expect(await axeViolations(page, 'form at 200 % text')).toEqual([]);
});

test('no servers found: the download pages of the common servers, and "Add a profile by hand"', async ({ launch }) => {
  // Port 1 on loopback: nothing listens there.
  const app = await launch({ discovery: { ports: [1], hosts: ['127.0.0.1'] } });
  const { page } = app;
  await page.getByRole('button', { name: 'Find model servers on this computer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find model servers on this computer' });
  await expect(dialog.getByRole('heading', { name: 'No model servers found' })).toBeFocused();
  const downloads: Array<[string, string]> = [
    ['Ollama', 'https://ollama.com/download'],
    ['LM Studio', 'https://lmstudio.ai/'],
    ['Jan', 'https://jan.ai/'],
  ];
  for (const [name, href] of downloads)
    await expect(dialog.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
  expect(await axeViolations(page, 'no servers found')).toEqual([]);
  await snap(page, '13-no-servers');
  await dialog.getByRole('button', { name: 'Add a profile by hand' }).click();
  const form = page.getByRole('dialog', { name: 'Add a profile' });
  await expect(form.getByLabel('Provider')).toBeFocused();
  await page.keyboard.press('Escape');
  // Back where the learner started the search.
  await expect(page.getByRole('button', { name: 'Find model servers on this computer' })).toBeFocused();
});

test('the test figures explain themselves behind "What do these figures mean?"', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama' });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Explained', kind: 'ollama', baseUrl: fake.url, model: 'test-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Explained' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Explained' });
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  const toggle = dialog.getByRole('button', { name: 'What do these figures mean?' });
  await expect(dialog.getByText(/what you feel as the wait/)).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(dialog.getByText(/what you feel as the wait/)).toBeVisible();
  await expect(dialog.getByText(/pieces of words/)).toBeVisible();
  expect(await axeViolations(page, 'figures explained')).toEqual([]);
  await snap(page, '14-figures-explained');
});

test('the model box lists the local server’s models by itself: typing filters, Escape closes only the list', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2', 'qwen3:8b', 'qwen3:32b'] });
  const app = await launch();
  const { page } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  // Nothing answers at the default address in a test: the form says so quietly, with its reference.
  await expect(dialog.getByText('The model list could not be loaded.')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('Server address').fill(fake.url);
  await expect(dialog.getByRole('status').filter({ hasText: '3 models found on the server.' })).toHaveCount(1);
  await expect(dialog.getByText('The model list could not be loaded.')).toBeHidden();
  const box = dialog.getByRole('combobox', { name: 'Model' });
  const list = dialog.getByRole('listbox', { name: 'Models on the server', includeHidden: true });
  await expect(box).toHaveValue('llama3.2');
  await box.fill('qwen');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option')).toHaveCount(2);
  expect(await axeViolations(page, 'model list open')).toEqual([]);
  await snap(page, '15-model-combobox');
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog).toBeVisible();
  await expect(box).toBeFocused();
  // Free text stays what was typed; a pick with the pointer keeps focus in the box.
  await expect(box).toHaveValue('qwen');
  await page.keyboard.press('ArrowDown');
  await list.getByRole('option', { name: /qwen3:32b/ }).click();
  await expect(box).toHaveValue('qwen3:32b');
  await expect(box).toBeFocused();
  // A cloud service is never asked by itself: only "Load models", once key and consent are given.
  await dialog.getByLabel('Provider').focus();
  await dialog.getByLabel('Provider').selectOption('openai');
  await expect(dialog.getByRole('button', { name: 'Load models' })).toBeVisible();
  await expect(list).toBeHidden();
  await expect(list.getByRole('option', { includeHidden: true })).toHaveCount(0);
});

test('"Check connection" tests the unsaved values before anything is saved', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2'] });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Server address').fill(fake.url);
  const box = dialog.getByRole('combobox', { name: 'Model' });
  await expect(box).toHaveValue('llama3.2');
  const check = dialog.getByRole('button', { name: 'Check connection' });
  await check.click();
  const said = dialog.getByTestId('check-connection-status');
  await expect(said).toContainText('The connection works: the model answered, first words after');
  await expect(check).toBeFocused();
  expect(await axeViolations(page, 'connection check passed')).toEqual([]);
  await snap(page, '16-check-connection');
  // A model the server does not have fails where a saved profile's test would, with what to do.
  await box.fill('no-such-model');
  await check.click();
  await expect(said).toContainText('The check failed: Model not found.');
  const notice = dialog.getByRole('alert').filter({ hasText: 'The connection check failed' });
  await expect(notice.getByTestId('error-reference')).toHaveText(/\S{8,}/);
  expect(await axeViolations(page, 'connection check failed')).toEqual([]);
  // Nothing was saved by either check.
  expect(t.core.profiles.list().profiles).toEqual([]);
});
