// Types for scripts/fuse-check.mjs, so its unit test calls it type-checked.
export const SENTINEL: string;
export const FUSE_POSITIONS: Readonly<Record<string, number>>;
export const ELECTRON_DEFAULT_WIRE: string;
export function fuseWireBytes(wire?: string): Buffer;
export function expectedFuses(builderConfigPath: string): Record<string, unknown>;
export function verifyFuses(binaryPath: string, expected: Record<string, unknown> | undefined): Promise<string[]>;
