// The learner's way to the server in the real renderer: the network choice waits collapsed behind a button
// naming the current choice; "Use this proxy" takes an address, a refused one is an error tied to its field,
// and a saved one carries the connection test through a proxy this test starts on 127.0.0.1 — "No proxy" then
// leaves that proxy alone.
import { startLoopbackProxy } from '../support/loopback-proxy.js';
import { expect, test } from './support/app-fixture.js';
import { axeViolations, snap } from './support/a11y.js';

test('"Use this proxy": refused address shown at its field, then the test goes through it; "No proxy" does not', async ({
  launch,
  fakeLlm,
}) => {
  const fake = await fakeLlm({ kind: 'ollama', models: ['llama3.2'] });
  const proxy = await startLoopbackProxy();
  try {
    const app = await launch({ needsCore: true });
    const { page, t } = app;
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a profile' });
    await dialog.getByLabel('Name', { exact: true }).fill('Behind a proxy');
    await dialog.getByLabel('Server address').fill(fake.url);
    await dialog.getByLabel('Model', { exact: true }).fill('llama3.2');

    const toggle = dialog.getByRole('button', { name: 'Network: this computer’s proxy settings' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    const group = dialog.getByRole('group', { name: 'How to reach the server' });
    await expect(group.getByRole('radio', { name: 'Use this computer’s proxy settings' })).toBeChecked();
    await group.getByRole('radio', { name: 'Use this proxy' }).check();
    await dialog.getByLabel('Proxy address').fill('socks5://127.0.0.1:1080');
    expect(await axeViolations(page, 'form with a proxy')).toEqual([]);
    await snap(page, '03d-form-proxy');
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    const summary = dialog.getByRole('alert');
    await expect(summary).toContainText('Proxy address');
    await summary.getByRole('link', { name: /Proxy address/ }).click();
    const address = dialog.getByLabel('Proxy address');
    await expect(address).toBeFocused();
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(t.core.profiles.list().profiles).toHaveLength(0);

    await address.fill(proxy.url);
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('dialog', { name: 'Add a profile' })).toBeHidden();
    const [saved] = t.core.profiles.list().profiles;
    expect(saved?.proxy).toEqual({ mode: 'fixed', url: proxy.url });

    const fakePort = new URL(fake.url).port;
    await page.getByRole('button', { name: 'Test Behind a proxy' }).click();
    const test1 = page.getByRole('dialog', { name: 'Test Behind a proxy' });
    await expect(test1.getByRole('heading', { name: 'Test passed' })).toBeFocused({ timeout: 15_000 });
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${fakePort}`);
    await test1.getByRole('button', { name: 'Close' }).first().click();

    await page.getByRole('button', { name: 'Edit Behind a proxy' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Behind a proxy' });
    const opened = edit.getByRole('button', { name: 'Network: a proxy of its own' });
    await expect(opened).toHaveAttribute('aria-expanded', 'true');
    await expect(edit.getByLabel('Proxy address')).toHaveValue(proxy.url);
    await edit.getByRole('radio', { name: 'No proxy' }).check();
    await expect(edit.getByLabel('Proxy address')).toBeHidden();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('dialog', { name: 'Edit Behind a proxy' })).toBeHidden();
    expect(t.core.profiles.list().profiles[0]?.proxy).toEqual({ mode: 'direct' });

    const before = proxy.seen.length;
    await page.getByRole('button', { name: 'Test Behind a proxy' }).click();
    const test2 = page.getByRole('dialog', { name: 'Test Behind a proxy' });
    await expect(test2.getByRole('heading', { name: 'Test passed' })).toBeFocused({ timeout: 15_000 });
    expect(proxy.seen).toHaveLength(before);
  } finally {
    await proxy.close();
  }
});
