// The end of an e2e run: how many distinct screens axe checked, in each theme. A full run (no spec or title
// filter on the command line) must cover at least MIN_STATES states in both themes with no violation; a run of
// a few specs only reports.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { AXE_REPORT, THEMES } from './a11y.js';

export const MIN_STATES = 30;

export function resetAxeReport(): void {
  rmSync(AXE_REPORT, { force: true });
}

interface ReportLine {
  readonly screen: string;
  readonly theme: string;
  readonly violations: number;
}

export function checkAxeCoverage(fullRun: boolean): void {
  const lines = existsSync(AXE_REPORT)
    ? readFileSync(AXE_REPORT, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReportLine)
    : [];
  const screensIn = (theme: string) => new Set(lines.filter((l) => l.theme === theme).map((l) => l.screen));
  const inBoth = [...screensIn('light')].filter((s) => THEMES.every((t) => screensIn(t).has(s)));
  const violations = lines.reduce((n, l) => n + l.violations, 0);
  console.log(`[axe] ${inBoth.length} states checked in light and dark, ${violations} violations`);
  if (!fullRun) return;
  if (inBoth.length < MIN_STATES)
    throw new Error(`axe checked ${inBoth.length} states in both themes; at least ${MIN_STATES} are required`);
}

/** Whether Playwright was asked for the whole suite: no file, title or grep filter among its arguments. */
export function isFullRun(argv: readonly string[]): boolean {
  const args = argv.slice(argv.indexOf('test') + 1);
  return !args.some((a) => !a.startsWith('-') || /^(-g|--grep|--grep-invert|--last-failed|--only-changed)/.test(a));
}
