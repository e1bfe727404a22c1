// The static gate, checked before any test runs: the changeable files exist, parse, follow the course's
// rules (no reaching into the test framework, other processes, or the solutions), and export every name
// the tests import. One clear sentence instead of thirty red tests.
//
// Parsed with oxc (`rolldown/utils`), the parser Vite itself uses to transform the student's file for the
// test run: what passes the syntax check here is what vitest can load. Its native binding loads in ~30 ms;
// the TypeScript compiler this gate used before cost ~0.6 s of start-up on every `npm test`.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { bi, type Bilingual } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';
import { childrenOf, lineAt, parse, type Node, type Parsed, type Program } from '../syntax.ts';

export type GateKind = 'missing-file' | 'syntax' | 'policy' | 'missing-export';

export interface GateProblem {
  kind: GateKind;
  file: string;
  message: Bilingual;
}

const FORBIDDEN_MODULES = /^(node:)?(child_process|cluster|worker_threads|vm|inspector|module|v8|repl|net|dgram|http|https|http2|tls|dns|process)$/;
const FRAMEWORK_MODULES = /^(vitest|@vitest\/.*|chai|vite|vite-node|tinypool|tinyspy|tsx|esbuild|#grader\/.*|#course\/.*)$/;
const FORBIDDEN_PROPERTIES = new Set(['binding', '_linkedBinding', 'dlopen', 'reallyExit', '_rawDebug']);

/** The text of a string literal or of a template literal without substitutions; undefined otherwise. */
function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function identifierName(node: Node): string | undefined {
  return node.type === 'Identifier' ? node.name : undefined;
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

function policyProblems(program: Program, text: string, file: string, exerciseKey: string): GateProblem[] {
  const problems: GateProblem[] = [];
  const report = (node: Node, message: Bilingual): void => {
    const line = lineAt(text, node.start);
    problems.push({ kind: 'policy', file, message: bi(`${file}:${line}: ${message.es}`, `${file}:${line}: ${message.en}`) });
  };
  const checkSpecifier = (node: Node, specifier: Node): void => {
    const value = stringValue(specifier);
    if (value === undefined) {
      report(node, bi('import() solo admite un texto literal', 'import() only accepts a string literal'));
      return;
    }
    const why = forbiddenImport(value, exerciseKey);
    if (why !== undefined) report(node, why);
  };
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ImportExpression':
        checkSpecifier(node, node.source);
        break;
      case 'ExportNamedDeclaration':
        if (node.source !== null) checkSpecifier(node, node.source);
        break;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') checkSpecifier(node, node.moduleReference.expression);
        break;
      case 'CallExpression': {
        const callee = identifierName(node.callee);
        if (callee === 'require' || callee === 'eval') report(node, bi(`no se permite ${callee}()`, `${callee}() is not allowed`));
        break;
      }
      case 'NewExpression':
        if (identifierName(node.callee) === 'Function') report(node, bi('no se permite new Function()', 'new Function() is not allowed'));
        break;
      case 'Identifier':
      case 'PrivateIdentifier':
        if (/^__vitest|^__vite_/.test(node.name)) report(node, bi(`no se puede usar ${node.name}`, `${node.name} cannot be used`));
        break;
      case 'MemberExpression':
        if (!node.computed && identifierName(node.object) === 'process' && FORBIDDEN_PROPERTIES.has(identifierName(node.property) ?? '')) {
          const name = identifierName(node.property) ?? '';
          report(node, bi(`no se permite process.${name}`, `process.${name} is not allowed`));
        }
        break;
      case 'Literal':
      case 'TemplateLiteral': {
        const value = stringValue(node);
        if (value !== undefined && /__vitest|jest-matchers|chai/.test(value)) {
          report(node, bi('ese texto apunta al sistema de tests', 'that string points at the test framework'));
        }
        break;
      }
      default:
        break;
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(program);
  return problems;
}

function exportName(node: Node): string {
  return node.type === 'Literal' ? String(node.value) : identifierName(node) ?? '';
}

/** Names a module exports; undefined when it re-exports `*` (then the check is skipped). */
export function exportedNames(program: Program): Set<string> | undefined {
  const names = new Set<string>();
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportAllDeclaration':
        if (statement.exported === null) return undefined;
        names.add(exportName(statement.exported));
        break;
      case 'ExportDefaultDeclaration':
      case 'TSExportAssignment':
        names.add('default');
        break;
      case 'ExportNamedDeclaration': {
        for (const specifier of statement.specifiers) names.add(exportName(specifier.exported));
        const declaration = statement.declaration;
        if (declaration === null) break;
        if (declaration.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
          }
        } else if ('id' in declaration && declaration.id !== null && declaration.id.type === 'Identifier') {
          // Functions (and overload signatures), classes, interfaces, type aliases, enums, namespaces.
          names.add(declaration.id.name);
        }
        break;
      }
      default:
        break;
    }
  }
  return names;
}

/** Value names a test file imports from `./<file>` (type-only imports do not need to exist at run time). */
export function importedNames(testSource: string, file: string): Set<string> {
  const { program } = parse(testSource, 'test.ts');
  const wanted = new Set([`./${file}`, `./${file.replace(/\.ts$/, '.js')}`, `./${file.replace(/\.ts$/, '')}`]);
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || !wanted.has(statement.source.value)) continue;
    if (statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportDefaultSpecifier') names.add('default');
      else if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') names.add(exportName(specifier.imported));
    }
  }
  return names;
}

function syntaxProblems(parsed: Parsed, text: string, file: string): GateProblem[] {
  return parsed.errors.slice(0, 3).map((error) => {
    const where = error.start === undefined ? '' : `:${lineAt(text, error.start)}`;
    return { kind: 'syntax', file, message: bi(`error de sintaxis en ${file}${where}: ${error.message}`, `syntax error in ${file}${where}: ${error.message}`) };
  });
}

/**
 * Checks the changeable files in `sourceDir` against the exercise. `testSources` are the contents of the
 * test files that will run (visible, and hidden when available).
 */
export function checkGate(exercise: Exercise, sourceDir: string, testSources: string[]): GateProblem[] {
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
    const parsed = parse(text, file);
    const syntax = syntaxProblems(parsed, text, file);
    if (syntax.length > 0) {
      problems.push(...syntax);
      continue;
    }
    problems.push(...policyProblems(parsed.program, text, file, exercise.key));
    const exported = exportedNames(parsed.program);
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
