// Reads every import of a source file with the TypeScript parser (static, re-export, dynamic import(),
// require()) and judges it against the process boundaries in DESIGN.md. Used by boundaries.test.ts.
import ts from 'typescript';
import path from 'node:path';

export interface ImportRef {
  readonly specifier: string;
  /** True only for `import type …` / `export type … from`: erased entirely at build time. */
  readonly typeOnly: boolean;
}

export function importsOf(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      refs.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      refs.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

export type Zone = 'shared' | 'src' | 'src-main' | 'src-renderer';

/** The top-level folder an import lands in, or null for a package / builtin. */
function targetZone(fromFile: string, specifier: string, root: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const resolved = path.relative(root, path.resolve(path.dirname(fromFile), specifier));
  return resolved.split(path.sep)[0] ?? null;
}

const ELECTRON = /^(electron|electron-store)(\/|$)/;

/** Returns one human-readable violation per forbidden import, empty when the file respects its zone. */
export function boundaryViolations(zone: Zone, file: string, text: string, root: string): string[] {
  const problems: string[] = [];
  for (const ref of importsOf(file, text)) {
    const target = targetZone(file, ref.specifier, root);
    const where = `${path.relative(root, file)} imports '${ref.specifier}'`;
    switch (zone) {
      case 'shared':
        if (target === null && ref.specifier !== 'zod') problems.push(`${where}: shared/ may import only zod`);
        if (target !== null && target !== 'shared') problems.push(`${where}: shared/ may not import from ${target}/`);
        break;
      case 'src':
        if (ELECTRON.test(ref.specifier)) problems.push(`${where}: the core must not import Electron`);
        if (target === 'src-main' || target === 'src-renderer')
          problems.push(`${where}: the core may not depend on ${target}/`);
        break;
      case 'src-main':
        if (target === 'src-renderer') problems.push(`${where}: main may not import renderer code`);
        break;
      case 'src-renderer':
        if (ref.typeOnly) break;
        if (ELECTRON.test(ref.specifier) || ref.specifier.startsWith('node:'))
          problems.push(`${where}: the renderer may not import Electron or Node built-ins`);
        if (target === 'src' || target === 'src-main')
          problems.push(`${where}: the renderer may import only types from ${target}/ (use "import type")`);
        break;
    }
  }
  return problems;
}
