// Extra request headers in the real renderer: the section is collapsed at first, rows are added with a name and
// a password-type value, a bad name is an error tied to its field, a saved value is never shown or prefilled and
// is kept when left empty.
import { expect, test } from './support/app-fixture.js';
import { axeViolations } from './support/a11y.js';

const SECRET = 'cf-e2e-header-secret-0123456789';

test('extra headers: added in a collapsed section, refused by name, saved write-only', async ({ launch }) => {
  const app = await launch({ needsCore: true });
  const { page, t } = app;
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a profile' });
  await dialog.getByLabel('Name', { exact: true }).fill('Gateway');
  await dialog.getByLabel('Model', { exact: true }).fill('llama3.2');

  const toggle = dialog.getByRole('button', { name: 'Extra request headers' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(dialog.getByRole('button', { name: 'Add a header' })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await dialog.getByRole('button', { name: 'Add a header' }).click();
  await dialog.getByLabel('Header 1 name').fill('Authorization');
  await dialog.getByLabel('Header 1 value').fill(SECRET);
  await expect(dialog.getByLabel('Header 1 value')).toHaveAttribute('type', 'password');
  expect(await axeViolations(page, 'form with extra headers')).toEqual([]);

  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Header 1 name');
  const name = dialog.getByLabel('Header 1 name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
  await expect(dialog.locator(`[id="${describedBy.split(' ').at(-1)}"]`)).toContainText('sets "Authorization" itself');

  await name.fill('CF-Access-Client-Secret');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('heading', { name: /Gateway/ })).toBeVisible();
  const [saved] = t.core.profiles.list().profiles;
  expect(t.core.profiles.headersFor(saved!.id)).toEqual([{ name: 'CF-Access-Client-Secret', value: SECRET }]);

  await page.getByRole('button', { name: 'Edit Gateway' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Gateway' });
  await edit.getByRole('button', { name: 'Extra request headers (1)' }).click();
  await expect(edit.getByLabel('Header 1 name')).toHaveValue('CF-Access-Client-Secret');
  await expect(edit.getByLabel('Header 1 value')).toHaveValue('');
  await expect(edit.getByText('Saved — leave empty to keep.')).toBeVisible();
  await edit.getByLabel('Model', { exact: true }).fill('qwen3');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Gateway' })).toBeHidden();
  expect(t.core.profiles.headersFor(saved!.id)).toEqual([{ name: 'CF-Access-Client-Secret', value: SECRET }]);
  expect(await page.content()).not.toContain(SECRET);
});
