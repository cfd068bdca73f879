// Playwright global setup: the same suite-wide diagnostics directory and end-of-run key scan as vitest's.
import { setup, teardown } from '../../support/global-log-scan.js';

export default function globalSetup(): () => void {
  setup();
  return teardown;
}
