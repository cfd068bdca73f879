// Types for scripts/png.mjs, so the icon test calls it type-checked.
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer;
export function inspectPng(bytes: Buffer): {
  width?: number;
  height?: number;
  colorType?: number;
  problems: string[];
};
