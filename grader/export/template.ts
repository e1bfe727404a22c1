// Writes the student template: the course without solutions/, hidden tests sealed, a student README,
// the workflows, and a manifest of the protected files.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lang } from '../i18n.ts';
import { writeManifest } from '../manifest.ts';
import { HIDDEN_TEST_FILE, KIT_DIR, SEALED_FILE, loadCourse, type Exercise } from '../model/course.ts';
import type { ExerciseResult } from '../result.ts';
import { seal } from '../seal.ts';

/** Top-level entries of the authoring repository that go into the template. */
export const TEMPLATE_ENTRIES = [
  'package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.ts', 'eslint.config.js',
  'runtime', 'grader', 'exercises', '.github/workflows', 'docs', '.devcontainer', '.vscode',
];

/** Grader files only the course authors need. */
export function excluded(path: string): boolean {
  return /(^|\/)grader\/(fixtures|test-support|mutate)(\/|$)/.test(path) || /^grader\/.*\.test\.ts$/.test(path)
    // Mutation testing is an authoring tool; its equivalent-mutant declarations point at solution lines.
    || path === 'grader/commands/mutate.ts' || /(^|\/)equivalent-mutants\.json$/.test(path)
    || path === 'grader/manifest.json' || /(^|\/)(node_modules|\.grade)(\/|$)/.test(path)
    // The course's own CI runs verify, which needs solutions/: not a student's concern. Class grading
    // (its workflow, its code, the roster) belongs to the instructor's grading repository only.
    || path === '.github/workflows/ci.yml' || path === '.github/workflows/grade-class.yml'
    || /^grader\/class(\/|$)/.test(path) || /^class(\/|$)/.test(path);
}

/** The authoring files copyCourse copies (absolute paths): the template's public material. */
export function publicSources(courseRoot: string, toolRoot: string): string[] {
  const files: string[] = [];
  const walk = (base: string, rel: string): void => {
    const path = join(base, rel);
    if (!existsSync(path) || excluded(rel) || path.endsWith(`/${HIDDEN_TEST_FILE}`)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(base, `${rel}/${name}`);
    else files.push(path);
  };
  for (const entry of TEMPLATE_ENTRIES) walk(entry === 'exercises' ? courseRoot : toolRoot, entry);
  return files;
}

export function copyCourse(courseRoot: string, toolRoot: string, outDir: string): void {
  for (const entry of TEMPLATE_ENTRIES) {
    const base = entry === 'exercises' ? courseRoot : toolRoot;
    const from = join(base, entry);
    if (!existsSync(from)) continue;
    cpSync(from, join(outDir, entry), {
      recursive: true,
      filter: (source) => !excluded(relative(base, source)) && !source.endsWith(`/${HIDDEN_TEST_FILE}`),
    });
  }
  // The tests of every exercise import the course test kit: a course without its own gets the tool's.
  const kit = join('exercises', KIT_DIR);
  if (!existsSync(join(outDir, kit)) && existsSync(join(toolRoot, kit))) cpSync(join(toolRoot, kit), join(outDir, kit), { recursive: true });
}

/** Seals every hidden test in place of the plain file; the header counts tests and their weight. */
export function sealHiddenTests(exercises: Exercise[], outDir: string, key: Buffer, graded: Map<string, ExerciseResult>): number {
  let sealedCount = 0;
  for (const exercise of exercises) {
    if (exercise.hidden.kind !== 'plain') continue;
    const result = graded.get(exercise.key);
    const hiddenTests = result?.tests.filter((test) => test.visibility === 'hidden') ?? [];
    const weight = hiddenTests.reduce((sum, test) => sum + (exercise.meta.weights[test.name] ?? 1), 0);
    const plain = readFileSync(join(exercise.dir, exercise.hidden.file), 'utf8');
    const sealed = seal(plain, key, exercise.key, hiddenTests.length, weight);
    writeFileSync(join(outDir, 'exercises', exercise.key, SEALED_FILE), `${JSON.stringify(sealed, null, 2)}\n`);
    sealedCount += 1;
  }
  return sealedCount;
}

export function studentReadme(exercises: Exercise[], lang: Lang): string {
  const list = exercises.map((ex) => `| ${ex.meta.id} | [${ex.meta.title[lang]}](exercises/${ex.key}/${lang === 'es' ? 'README.md' : 'README.en.md'}) | ${ex.meta.points} |`);
  if (lang === 'es') {
    return [
      '# Concurrencia en TypeScript: ejercicios', '',
      'Cada carpeta de `exercises/` tiene un enunciado (`README.md`), tu archivo (`exercise.ts`) y sus tests visibles.', '',
      '```sh', 'npm ci', 'npm test            # tests visibles de todos los ejercicios', 'npm test -- 03      # solo el ejercicio 03',
      'npm run grade       # nota local (los tests ocultos se ejecutan en CI)', '```', '',
      'Solo cuentan los cambios en los archivos `exercise.ts`. Los tests, `runtime/`, `grader/`, la configuración y los',
      'workflows están protegidos: si los cambias, el corrector lo indica y usa las copias originales.', '',
      'Entrega con un pull request: al abrirlo, y con cada push a su rama, GitHub Actions ejecuta los tests visibles y',
      'comenta tu nota en el pull request. Los tests ocultos no están en este repositorio: los corrige tu profesor desde su',
      'repositorio de corrección, con lo último que hayas subido antes de la fecha límite (cuenta la hora del push, no la del commit).', '',
      'Documentación: [modelo de hilos](docs/threading-model.md), [time, queue y logging](docs/time-queue-logging.md),',
      '[asyncio](runtime/asyncio/README.md), [procesos](docs/process-model.md), [memoria compartida](docs/shared-memory.md).', '',
      '| Nº | Ejercicio | Puntos |', '|---|---|---|', ...list, '',
    ].join('\n');
  }
  return [
    '# Concurrency in TypeScript: exercises', '',
    'Each folder in `exercises/` holds a statement (`README.en.md`), your file (`exercise.ts`) and its visible tests.', '',
    '```sh', 'npm ci', 'npm test            # visible tests of every exercise', 'npm test -- 03      # exercise 03 only',
    'npm run grade       # local score (hidden tests run in CI)', '```', '',
    'Only changes to the `exercise.ts` files count. Tests, `runtime/`, `grader/`, configuration and workflows are',
    'protected: if you change them the grader says so and uses the original copies.', '',
    'Submit through a pull request: when you open it, and on every push to its branch, GitHub Actions runs the visible',
    'tests and comments your score on the pull request. The hidden tests are not in this repository: your instructor grades',
    'them from the course\'s grading repository, on the last work you pushed before the deadline (the push time counts,',
    'not the commit date).', '',
    'Documentation: [threading model](docs/threading-model.md), [time, queue and logging](docs/time-queue-logging.md),',
    '[asyncio](runtime/asyncio/README.md), [processes](docs/process-model.md), [shared memory](docs/shared-memory.md).', '',
    '| # | Exercise | Points |', '|---|---|---|', ...list, '',
  ].join('\n');
}

/**
 * Scripts the template keeps: the ones whose files it ships and that make sense without solutions/. The
 * dependencies stay as they are, so `npm ci` still matches the lockfile.
 */
export const STUDENT_SCRIPTS = ['test', 'grade', 'lint', 'typecheck', 'test:runtime'];

/** The authoring package.json with only the student's scripts (verify, bench, export... need files not shipped). */
export function studentPackageJson(text: string): string {
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
  const scripts = Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([name]) => STUDENT_SCRIPTS.includes(name)));
  return `${JSON.stringify({ ...pkg, scripts }, null, 2)}\n`;
}

export interface ExportOutcome {
  sealed: number;
  protectedFiles: number;
}

export function writeTemplate(courseRoot: string, toolRoot: string, outDir: string, key: Buffer, graded: Map<string, ExerciseResult>): ExportOutcome {
  if (existsSync(outDir) && readdirSync(outDir).some((name) => name !== '.git')) throw new Error(`${outDir} is not empty`);
  mkdirSync(outDir, { recursive: true });
  const { exercises } = loadCourse(courseRoot);
  copyCourse(courseRoot, toolRoot, outDir);
  const packageJson = join(outDir, 'package.json');
  if (existsSync(packageJson)) writeFileSync(packageJson, studentPackageJson(readFileSync(packageJson, 'utf8')));
  const sealed = sealHiddenTests(exercises, outDir, key, graded);
  writeFileSync(join(outDir, 'README.md'), `${studentReadme(exercises, 'es')}\n---\n\n${studentReadme(exercises, 'en')}`);
  writeFileSync(join(outDir, '.gitignore'), 'node_modules/\n.grade/\n.course/\n');
  rmSync(join(outDir, 'solutions'), { recursive: true, force: true });
  const manifest = writeManifest(outDir, loadCourse(outDir).exercises);
  return { sealed, protectedFiles: Object.keys(manifest.files).length };
}
