// Playwright global setup: the same suite-wide diagnostics directory and end-of-run key scan as vitest's, and the
// count of states axe checked in both themes.
import { setup, teardown } from '../../support/global-log-scan.js';
import { checkAxeCoverage, isFullRun, resetAxeReport } from './axe-coverage.js';

export default function globalSetup(): () => void {
  setup();
  resetAxeReport();
  const fullRun = isFullRun(process.argv);
  return () => {
    teardown();
    checkAxeCoverage(fullRun);
  };
}
