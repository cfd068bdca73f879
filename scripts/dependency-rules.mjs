// The dependency rules of the code base, written once: which layer a file belongs to, and what each layer may
// import. ESLint enforces them on every import it sees (eslint.config.js); test/unit/boundaries.test.ts checks
// the same table against every import the TypeScript parser finds, type-only ones included. Arrows point one
// way: renderer → (types of) the core entry; main → core entry; entry → api → services → ports; adapters → ports.
import path from 'node:path';

/** Service folders of the core: the use cases and their rules. */
const SERVICES = [
  'profiles',
  'providers',
  'discovery',
  'transfer',
  'vault',
  'secure-storage',
  'diagnostics',
  'errors',
  'system',
];

/** Packages no file outside src-main may import. */
const ELECTRON = /^(electron|electron-store)(\/|$)/;

/**
 * Each layer: the files in it, the layers its relative imports may land in, the layers it may import only types
 * from, and which packages it may or may not use.
 */
export const LAYERS = [
  { name: 'shared', files: ['shared/'], may: ['shared'], packages: { only: ['zod'] } },
  {
    name: 'core entry',
    files: ['src/index.ts'],
    may: ['core', 'api', 'services', 'ports', 'adapters', 'shared'],
    packages: { deny: [ELECTRON] },
  },
  {
    name: 'core',
    files: ['src/core.ts'],
    may: ['services', 'ports', 'shared'],
    packages: { deny: [ELECTRON, /^@trpc\//] },
  },
  {
    name: 'api',
    files: ['src/api/'],
    may: ['api', 'services', 'ports', 'shared'],
    typesFrom: ['core'],
    packages: { deny: [ELECTRON] },
  },
  {
    name: 'services',
    files: SERVICES.map((dir) => `src/${dir}/`),
    may: ['services', 'ports', 'shared'],
    packages: { deny: [ELECTRON, /^@trpc\//] },
  },
  { name: 'ports', files: ['src/ports/'], may: ['ports', 'shared'], packages: { deny: [ELECTRON, /^@trpc\//] } },
  {
    name: 'adapters',
    files: ['src/adapters/'],
    may: ['adapters', 'ports'],
    packages: { deny: [ELECTRON, /^@trpc\//] },
  },
  { name: 'main', files: ['src-main/'], may: ['main', 'core entry', 'shared'], packages: {} },
  {
    name: 'renderer',
    files: ['src-renderer/'],
    may: ['renderer', 'shared'],
    typesFrom: ['core entry'],
    packages: { deny: [ELECTRON, /^node:/] },
  },
];

/** The layer of a path relative to the repository root (forward slashes), or null outside the four zones. */
export function layerOf(relativePath) {
  const p = relativePath.split(path.sep).join('/');
  return LAYERS.find((layer) => layer.files.some((f) => (f.endsWith('/') ? p.startsWith(f) : p === f))) ?? null;
}

/**
 * Judges one import. `fromFile` is absolute; `specifier` as written; `typeOnly` true for `import type`. Returns a
 * sentence saying what is wrong, or null when the import is allowed.
 */
export function importProblem(root, fromFile, specifier, typeOnly) {
  const from = layerOf(path.relative(root, fromFile));
  if (!from) return null;
  if (!specifier.startsWith('.')) {
    const { only, deny } = from.packages;
    if (only && !only.includes(specifier)) {
      return `${from.name} may import only ${only.join(', ')}, not '${specifier}'`;
    }
    if (deny?.some((pattern) => pattern.test(specifier))) return `${from.name} may not import '${specifier}'`;
    return null;
  }
  const target = path.relative(root, path.resolve(path.dirname(fromFile), specifier)).replace(/\.js$/, '.ts');
  const to = layerOf(target);
  if (!to) return `${from.name} may not import '${specifier}' (outside shared/, src/, src-main/, src-renderer/)`;
  if (from.may.includes(to.name)) return null;
  if (typeOnly && from.typesFrom?.includes(to.name)) return null;
  const types = from.typesFrom?.includes(to.name) ? ' except with "import type"' : '';
  return `${from.name} may not import ${to.name}${types} ('${specifier}')`;
}
