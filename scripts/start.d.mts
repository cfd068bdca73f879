// Types for scripts/start.mjs, so the e2e fixture and its unit test call it type-checked.
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';

export interface ElectronBinary {
  readonly path: string;
  readonly found: boolean;
  readonly source: 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules/electron';
}
export interface ElectronViteCommand {
  readonly command: string;
  readonly args: string[];
  readonly options: { readonly cwd: string; readonly stdio: 'inherit'; readonly env: NodeJS.ProcessEnv };
}
export function findElectronBinary(env?: NodeJS.ProcessEnv): ElectronBinary;
export function missingElectronMessage(binary: Pick<ElectronBinary, 'path' | 'source'>): string;
export function electronViteEntry(): string;
export function parseStartArgs(argv: readonly string[]): { dev: boolean; rest: string[] };
export function electronViteCommand(options: {
  binary: Pick<ElectronBinary, 'path'>;
  dev?: boolean;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  entry?: string;
}): ElectronViteCommand;
/** Spawns electron-vite and mirrors its exit status; `io` replaces the process-level effects in tests. */
export function launch<Child extends EventEmitter = ChildProcess>(
  run: ElectronViteCommand,
  io?: {
    spawnChild?: (command: string, args: string[], options: ElectronViteCommand['options']) => Child;
    exit?: (code: number) => void;
    report?: (message: string) => void;
  },
): Child;
