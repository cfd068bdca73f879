// Moving through the app with the keyboard alone, as a learner without a mouse does.
import type { Page } from '@playwright/test';

/** Presses Tab until the focused element has the given accessible name (and role); never touches the mouse. */
export async function tabTo(page: Page, name: string | RegExp, role = 'button', max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const label = el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '';
      const role =
        el.getAttribute('role') ??
        (el.tagName === 'BUTTON'
          ? 'button'
          : el.tagName === 'INPUT'
            ? (el as HTMLInputElement).type
            : el.tagName.toLowerCase());
      return { text: `${el.getAttribute('aria-label') ?? el.textContent ?? ''} ${label}`.trim(), role };
    });
    if (!focused) continue;
    if (
      (typeof name === 'string' ? focused.text.includes(name) : name.test(focused.text)) &&
      (focused.role === role || role === '*')
    )
      return;
  }
  throw new Error(`could not reach "${String(name)}" with Tab`);
}
