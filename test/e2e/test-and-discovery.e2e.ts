// The connection test and discovery in the real renderer, against loopback fakes: phases announced as they
// happen, figures at the end (or the error with what to do and its reference), cancel, and adding a found
// server as a profile in one step.
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';

test('a test shows its progress, then the figures, and focus moves to the outcome', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', firstTokenDelayMs: 150, tokenDelayMs: 30 });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Fast Ollama', kind: 'ollama', baseUrl: fake.url, model: 'test-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Fast Ollama' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Fast Ollama' });
  await expect(dialog.getByRole('button', { name: 'Cancel test' })).toBeVisible();
  expect(await axeViolations(page, 'test running')).toEqual([]);
  await expect(dialog.getByRole('heading', { name: 'Test passed' })).toBeFocused();
  const figures = dialog.getByTestId('test-figures');
  await expect(figures).toContainText('Time to first token');
  await expect(figures).toContainText('tokens/s');
  await expect(figures).toContainText('reported by the server');
  await expect(dialog.getByText('Hello from the fake.')).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Test passed. First token after');
  expect(await axeViolations(page, 'test passed')).toEqual([]);
  await snap(page, '05-test-passed');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByText(/^Passed .*: first token \d+ ms$/)).toBeVisible();
});

test('a failed test shows the message, what to do, and the reference of the log line', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2'] });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Missing model', kind: 'ollama', baseUrl: fake.url, model: 'qwen3:8b' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Missing model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Missing model' });
  await expect(dialog.getByRole('heading', { name: 'Test failed' })).toBeFocused();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The server does not have a model called "qwen3:8b".');
  await expect(alert).toContainText('ollama pull qwen3:8b');
  const reference = await alert.getByTestId('error-reference').textContent();
  await expect
    .poll(() =>
      app.logged(
        (r) =>
          r.event === 'profile.tested' && r.correlationId === reference && r.errorCode === 'PROVIDER_MODEL_NOT_FOUND',
      ),
    )
    .toBe(true);
  expect(await axeViolations(page, 'test failed')).toEqual([]);
  await snap(page, '06-test-failed');
});

test('cancelling a running test stops it', async ({ launch, fakeLlm }) => {
  const fake = await fakeLlm({ kind: 'ollama', fault: { type: 'stall-after-headers' } });
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await t.core.profiles.create({ name: 'Stuck', kind: 'ollama', baseUrl: fake.url, model: 'test-model' });
  await page.reload();
  await page.getByRole('button', { name: 'Test Stuck' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test Stuck' });
  await expect(dialog.getByText('done', { exact: true })).toHaveCount(2); // connecting + authenticated ticked
  expect(await axeViolations(page, 'test running')).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel test' }).click();
  await expect(dialog.getByRole('heading', { name: 'Test cancelled' })).toBeFocused();
  expect(await axeViolations(page, 'test cancelled')).toEqual([]);
  await expect.poll(() => app.server.activeSubscriptions).toBe(1); // only profiles.changes is left
  await expect
    .poll(async () => (await app.diagnostics()).filter((r) => r.event === 'profile.test_cancelled').length)
    .toBe(1);
});

test('discovery finds a local server and adds it as a profile in one step', async ({ launch, fakeLlm }) => {
  const ollama = await fakeLlm({ kind: 'ollama', models: ['llama3.2', 'qwen3'] });
  const studio = await fakeLlm({ kind: 'lmstudio', models: ['qwen3-8b'] });
  const sglang = await fakeLlm({ kind: 'sglang', models: ['Qwen/Qwen3-8B'] });
  const app = await launch({
    // The probe bound is the app's promise on a quiet machine; here three fakes, the core and the browser driver
    // share one busy process, so a late answer must not read as no server (the bound has its own tests).
    discovery: { ports: [ollama.port, studio.port, sglang.port], hosts: ['127.0.0.1', '::1'], probeTimeoutMs: 5_000 },
  });
  const { page } = app;
  await page.getByRole('button', { name: 'Find model servers on this computer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find model servers on this computer' });
  await expect(dialog.getByRole('heading', { name: 'Model servers found' })).toBeFocused();
  await expect(dialog.getByRole('heading', { name: /^Ollama on this computer, port \d+$/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /^LM Studio on this computer, port \d+$/ })).toBeVisible();
  expect(await axeViolations(page, 'discovery results')).toEqual([]);
  await snap(page, '09-discovery');
  const card = dialog.locator('li[data-server="ollama"]');
  await card.getByLabel('Model').selectOption('qwen3');
  await card.getByRole('button', { name: 'Add Ollama as a profile' }).click();
  await expect(card.getByText(/Already saved as Ollama/)).toBeVisible();
  // A server the app has no preset of its own for is just as quick to add.
  const sglangCard = dialog.locator('li[data-server="sglang"]').first();
  await sglangCard.getByRole('button', { name: 'Add SGLang as a profile' }).click();
  await expect(sglangCard.getByText(/Already saved as SGLang/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close: Find model servers on this computer' }).click();
  await expect(page.getByRole('heading', { name: /Ollama \(\d+\)/ })).toBeVisible();
  // The first profile added from this computer is the one in use, and the header says so.
  await expect(page.getByTestId('in-use')).toContainText('qwen3');
  await expect(page.getByRole('list', { name: 'Profiles' }).getByText('qwen3', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /SGLang \(\d+\)/ })).toBeVisible();
});

test('a search can be stopped while it runs, and says so', async ({ launch, silentServer }) => {
  // A port that accepts and never answers keeps the search busy for its whole probe bound, here long enough that
  // even a slow machine presses Stop while it runs.
  const silent = await silentServer();
  const app = await launch({ discovery: { ports: [silent.port], hosts: ['127.0.0.1'], probeTimeoutMs: 20_000 } });
  const { page } = app;
  await page.getByRole('button', { name: 'Find model servers on this computer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find model servers on this computer' });
  await dialog.getByRole('button', { name: 'Stop searching' }).click();
  // Shown, and announced through the live region.
  await expect(dialog.locator('.progress-line').getByText('Search cancelled.')).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Search cancelled.');
  await expect(dialog.getByRole('button', { name: 'Search again' })).toBeVisible();
  expect(await axeViolations(page, 'discovery stopped')).toEqual([]);
});
