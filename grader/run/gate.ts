// The static gate, checked before any test runs: the changeable files exist, parse, follow the course's
// rules (no reaching into the test framework, other processes, or the solutions), and export every name
// the tests import. One clear sentence instead of thirty red tests.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type TypeScript from 'typescript';
import { bi, type Bilingual } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';

// Loaded on first use, with require() rather than import: Node's ESM wrapper scans typescript.js (9 MB)
// for exports first, which costs about a second of CPU on every `npm test`.
let ts: typeof TypeScript;
function loadTypeScript(): void {
  ts ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
}

export type GateKind = 'missing-file' | 'syntax' | 'policy' | 'missing-export';

export interface GateProblem {
  kind: GateKind;
  file: string;
  message: Bilingual;
}

const FORBIDDEN_MODULES = /^(node:)?(child_process|cluster|worker_threads|vm|inspector|module|v8|repl|net|dgram|http|https|http2|tls|dns|process)$/;
const FRAMEWORK_MODULES = /^(vitest|@vitest\/.*|chai|vite|vite-node|tinypool|tinyspy|tsx|esbuild|#grader\/.*)$/;
const FORBIDDEN_PROPERTIES = new Set(['binding', '_linkedBinding', 'dlopen', 'reallyExit', '_rawDebug']);

function lineOf(source: TypeScript.SourceFile, node: TypeScript.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Why an import specifier is not allowed in student code, or undefined if it is fine. */
export function forbiddenImport(specifier: string, exerciseKey: string): Bilingual | undefined {
  if (FRAMEWORK_MODULES.test(specifier)) {
    return bi(`no se puede importar "${specifier}": tu código no debe tocar el sistema de tests`,
      `"${specifier}" cannot be imported: your code must not touch the test framework`);
  }
  if (FORBIDDEN_MODULES.test(specifier)) {
    return bi(`no se puede importar "${specifier}" en el curso: usa #runtime/threading, #runtime/multiprocessing o #runtime/asyncio`,
      `"${specifier}" cannot be imported in this course: use #runtime/threading, #runtime/multiprocessing or #runtime/asyncio`);
  }
  if (/solutions/i.test(specifier)) {
    return bi(`no se puede importar desde solutions/ ("${specifier}")`, `importing from solutions/ is not allowed ("${specifier}")`);
  }
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')) {
    const inside = `exercises/${exerciseKey}/`;
    const resolved = posix.normalize(posix.join(inside, specifier));
    if (specifier.startsWith('/') || specifier.startsWith('file:') || !resolved.startsWith(inside)) {
      return bi(`solo se pueden importar archivos de la carpeta del ejercicio ("${specifier}")`,
        `only files inside the exercise folder can be imported ("${specifier}")`);
    }
  }
  return undefined;
}

function policyProblems(source: TypeScript.SourceFile, file: string, exerciseKey: string): GateProblem[] {
  const problems: GateProblem[] = [];
  const report = (node: TypeScript.Node, message: Bilingual): void => {
    const line = lineOf(source, node);
    problems.push({ kind: 'policy', file, message: bi(`${file}:${line}: ${message.es}`, `${file}:${line}: ${message.en}`) });
  };
  const checkSpecifier = (node: TypeScript.Node, specifier: TypeScript.Expression | undefined): void => {
    if (specifier === undefined) return;
    if (!ts.isStringLiteralLike(specifier)) {
      report(node, bi('import() solo admite un texto literal', 'import() only accepts a string literal'));
      return;
    }
    const why = forbiddenImport(specifier.text, exerciseKey);
    if (why !== undefined) report(node, why);
  };
  const visit = (node: TypeScript.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) checkSpecifier(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      checkSpecifier(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) checkSpecifier(node, node.arguments[0]);
      else if (ts.isIdentifier(node.expression) && (node.expression.text === 'require' || node.expression.text === 'eval')) {
        report(node, bi(`no se permite ${node.expression.text}()`, `${node.expression.text}() is not allowed`));
      }
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      report(node, bi('no se permite new Function()', 'new Function() is not allowed'));
    } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      if (/^__vitest|^__vite_/.test(node.text)) report(node, bi(`no se puede usar ${node.text}`, `${node.text} cannot be used`));
    } else if (ts.isPropertyAccessExpression(node) && FORBIDDEN_PROPERTIES.has(node.name.text)
      && ts.isIdentifier(node.expression) && node.expression.text === 'process') {
      report(node, bi(`no se permite process.${node.name.text}`, `process.${node.name.text} is not allowed`));
    } else if (ts.isStringLiteralLike(node) && /__vitest|jest-matchers|chai/.test(node.text)) {
      report(node, bi('ese texto apunta al sistema de tests', 'that string points at the test framework'));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** Names a module exports; undefined when it re-exports `*` (then the check is skipped). */
export function exportedNames(source: TypeScript.SourceFile): Set<string> | undefined {
  loadTypeScript();
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause === undefined) return undefined;
      if (ts.isNamedExports(statement.exportClause)) for (const element of statement.exportClause.elements) names.add(element.name.text);
      else names.add(statement.exportClause.name.text);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      names.add('default');
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) !== true) continue;
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.add('default');
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)
      || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name !== undefined) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** Value names a test file imports from `./<file>` (type-only imports do not need to exist at run time). */
export function importedNames(testSource: string, file: string): Set<string> {
  loadTypeScript();
  const source = ts.createSourceFile('test.ts', testSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const wanted = new Set([`./${file}`, `./${file.replace(/\.ts$/, '.js')}`, `./${file.replace(/\.ts$/, '')}`]);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!wanted.has(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (clause.name !== undefined) names.add('default');
    if (clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)) {
      for (const element of clause.namedBindings.elements) {
        if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
      }
    }
  }
  return names;
}

function syntaxProblems(text: string, file: string): GateProblem[] {
  const output = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  return (output.diagnostics ?? []).slice(0, 3).map((diagnostic) => {
    const where = diagnostic.file !== undefined && diagnostic.start !== undefined
      ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}` : '';
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    return { kind: 'syntax', file, message: bi(`error de sintaxis en ${file}${where}: ${text}`, `syntax error in ${file}${where}: ${text}`) };
  });
}

/**
 * Checks the changeable files in `sourceDir` against the exercise. `testSources` are the contents of the
 * test files that will run (visible, and hidden when available).
 */
export function checkGate(exercise: Exercise, sourceDir: string, testSources: string[]): GateProblem[] {
  loadTypeScript();
  const problems: GateProblem[] = [];
  for (const file of exercise.meta.files) {
    const path = posix.join(sourceDir, file);
    if (!existsSync(path) || !lstatSync(path).isFile()) {
      const link = existsSync(path);
      problems.push({ kind: 'missing-file', file, message: link
        ? bi(`${file} debe ser un archivo normal (no un enlace ni una carpeta)`, `${file} must be a regular file (not a link or a folder)`)
        : bi(`falta el archivo ${file}`, `the file ${file} is missing`) });
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const syntax = syntaxProblems(text, file);
    if (syntax.length > 0) {
      problems.push(...syntax);
      continue;
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    problems.push(...policyProblems(source, file, exercise.key));
    const exported = exportedNames(source);
    if (exported === undefined) continue;
    const needed = new Set<string>();
    for (const test of testSources) for (const name of importedNames(test, file)) needed.add(name);
    const missing = [...needed].filter((name) => !exported.has(name)).sort();
    if (missing.length > 0) {
      const has = [...exported].sort().join(', ') || '—';
      problems.push({ kind: 'missing-export', file, message: bi(
        `${file} no exporta ${missing.join(', ')} (los tests lo importan; ahora exporta: ${has}). ¿Has cambiado el nombre o quitado "export"?`,
        `${file} does not export ${missing.join(', ')} (the tests import it; it now exports: ${has}). Did you rename it or drop "export"?`) });
    }
  }
  return problems;
}
