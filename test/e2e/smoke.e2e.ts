import { expect, test } from '@playwright/test';
import { launchApp } from './support/launch-app.js';

test('shows the empty state and adds a local profile', async ({ browser }) => {
  const app = await launchApp(browser);
  try {
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Add a profile by hand' }).click();
    await page.getByLabel('Name', { exact: true }).fill('My Ollama');
    await page.getByLabel('Model', { exact: true }).fill('llama3.2');
    await expect(page.getByTestId('resolved-endpoint')).toHaveText('http://127.0.0.1:11434/api/chat');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('heading', { name: /My Ollama/ })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/smoke.png', fullPage: true });
  } finally {
    await app.close();
  }
});
