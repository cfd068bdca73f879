// What a support bundle is made of besides the core's own state: the diagnostics log files as written, and the
// versions of the app and what it runs on. The main process provides them; tests give their own.

export interface DiagnosticsSource {
  /** The JSONL log files, newest last (each already scrubbed as it was written; the bundle scrubs again). */
  logFiles(): Promise<ReadonlyArray<{ readonly name: string; readonly text: string }>>;
  /** App, Electron, Chromium, Node and OS versions, by name. */
  readonly environment: Readonly<Record<string, string>>;
}

export const NO_DIAGNOSTICS: DiagnosticsSource = { logFiles: () => Promise.resolve([]), environment: {} };
