// axe-core against the WCAG 2.x A/AA rules (up to 2.2), in the light and the dark theme: returns the violations
// of both so a spec can assert 0, and records each screen per theme in the run's report, which the end of a full
// run checks covers enough states (axe-coverage.ts).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const AXE_REPORT = path.join('test-results', 'axe-report.jsonl');
export const THEMES = ['light', 'dark'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly theme: (typeof THEMES)[number];
  readonly impact: string | null | undefined;
  readonly nodes: string[];
}

export async function axeViolations(page: Page, screen: string): Promise<AxeViolation[]> {
  const found: AxeViolation[] = [];
  mkdirSync(path.dirname(AXE_REPORT), { recursive: true });
  for (const theme of THEMES) {
    // The page follows prefers-color-scheme, as it does the OS setting in the app.
    await page.emulateMedia({ colorScheme: theme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const violations = results.violations.map((v) => ({
      id: v.id,
      theme,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
    appendFileSync(
      AXE_REPORT,
      `${JSON.stringify({ screen, theme, violations: violations.length, ids: violations.map((v) => v.id) })}\n`,
    );
    found.push(...violations);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** A screenshot of the page in each theme, as test-results/screenshots/<name>-light.png and -dark.png. */
export async function snap(page: Page, name: string): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}-${theme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
