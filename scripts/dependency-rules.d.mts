// Types for scripts/dependency-rules.mjs.
export interface Layer {
  readonly name: string;
  readonly files: readonly string[];
  readonly may: readonly string[];
  readonly typesFrom?: readonly string[];
  readonly packages: { readonly only?: readonly string[]; readonly deny?: readonly RegExp[] };
}
export const LAYERS: readonly Layer[];
export function layerOf(relativePath: string): Layer | null;
export function importProblem(root: string, fromFile: string, specifier: string, typeOnly: boolean): string | null;
