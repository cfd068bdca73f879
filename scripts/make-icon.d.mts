// Types for scripts/make-icon.mjs, so the icon test calls it type-checked.
export const ICON_SIZE: number;
export const SHAPES: readonly Readonly<Record<string, unknown>>[];
export function iconSvg(): string;
export function renderIcon(size?: number): Buffer;
export function iconPng(size?: number): Buffer;
