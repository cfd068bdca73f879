// axe-core against the WCAG 2.x A/AA rules (up to 2.2): returns the violations so a spec can assert 0 and
// record the count per screen for the report.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export async function axeViolations(
  page: Page,
  screen: string,
): Promise<Array<{ id: string; impact: string | null | undefined; nodes: string[] }>> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  mkdirSync('test-results', { recursive: true });
  appendFileSync(
    path.join('test-results', 'axe-report.jsonl'),
    `${JSON.stringify({ screen, violations: violations.length, ids: violations.map((v) => v.id) })}\n`,
  );
  return violations;
}

export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), fullPage: true });
}
