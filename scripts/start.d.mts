// Types for scripts/start.mjs, so the e2e fixture and its unit test call it type-checked.
export interface ElectronBinary {
  readonly path: string;
  readonly found: boolean;
  readonly source: string;
}
export function findElectronBinary(env?: NodeJS.ProcessEnv): ElectronBinary;
export function missingElectronMessage(binary: ElectronBinary): string;
