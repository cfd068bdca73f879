// Focus is never lost: every e2e page is watched from its first load to its close, and the test fails when focus
// fell to <body> because the element that had it was removed, disabled or hidden (a keyboard or screen-reader user
// is then thrown back to the top of the page). Focus leaving on purpose — a click on blank space, the window losing
// focus — is not a drop: the element that had it is still there and usable. The watch samples the focused element
// every 25 ms and on every focus change, so a drop the app corrects within the same task is not counted.
import type { Page } from '@playwright/test';

export interface FocusDrop {
  /** The element that had focus, as "tag 'name'". */
  readonly from: string;
  /** Why it could not keep focus. */
  readonly why: 'removed' | 'disabled' | 'hidden';
  /** The page's path and the visible dialog, if any, when it happened. */
  readonly where: string;
}

const WATCH = () => {
  const w = window as unknown as { __focusWatched?: boolean; __focusDrop?: (drop: FocusDrop) => Promise<void> };
  if (w.__focusWatched) return;
  w.__focusWatched = true;
  let last: HTMLElement | null = null;
  let lastWhere = '';
  const describe = (el: HTMLElement) => {
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${el.tagName.toLowerCase()} '${name}'`;
  };
  const place = () => {
    const dialog = document.querySelector('dialog[open]');
    const title = dialog?.querySelector('h2')?.textContent?.trim();
    return title ? `dialog '${title}'` : 'page';
  };
  const check = () => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body) {
      last = active;
      lastWhere = place();
      return;
    }
    if (last === null) return;
    const was = last;
    last = null;
    const why = !was.isConnected
      ? 'removed'
      : (was as HTMLButtonElement).disabled === true
        ? 'disabled'
        : was.closest('[hidden], [inert]') !== null || was.getClientRects().length === 0
          ? 'hidden'
          : null;
    if (why !== null) void w.__focusDrop?.({ from: describe(was), why, where: lastWhere });
  };
  document.addEventListener('focusin', check, true);
  document.addEventListener('focusout', () => setTimeout(check, 0), true);
  setInterval(check, 25);
};

/** Starts the watch on a page, for every load of it; the drops are collected here, so a reload keeps them. */
export async function watchFocus(page: Page): Promise<FocusDrop[]> {
  const drops: FocusDrop[] = [];
  await page.exposeBinding('__focusDrop', (_source, drop: FocusDrop) => void drops.push(drop));
  await page.addInitScript(WATCH);
  await page.evaluate(WATCH).catch(() => undefined);
  return drops;
}

/** Lets a last sample run, so a drop in a test's final step is counted too. */
export async function settleFocus(page: Page): Promise<void> {
  if (!page.isClosed()) await page.waitForTimeout(60).catch(() => undefined);
}
