// A throw-away copy of the course material a grading run needs, outside the repository: each exercise's
// tests and support files from the trusted course, the changeable files from the chosen source, and
// the course test kit, and symlinks to the runtime and node_modules so `#runtime/*`, `#course/kit`,
// `#grader/testkit` and `vitest` resolve exactly as in the repository. Hidden tests, once unsealed, only ever live here.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { HIDDEN_TEST_FILE, KIT_DIR, SEALED_FILE, type Exercise } from '../model/course.ts';
import { RUN_DIR, TOOL_ROOT } from '../paths.ts';

export type Visibility = 'visible' | 'hidden';

/** One section of an exercise's entry file: the tests of one file, under a describe named `prefix`. */
export interface Section {
  visibility: Visibility;
  /** The test file, relative to the exercise folder. */
  name: string;
  prefix: string;
}

/**
 * One test file per exercise: a generated entry that imports the exercise's visible and hidden test files,
 * each inside its own describe. One worker process per exercise instead of one per test file (start-up
 * dominates), and the exercise's time limit applies to exactly its whole test run.
 */
export interface TestFilePlan {
  exercise: string;
  /** Absolute path of the entry file inside the workspace. */
  path: string;
  sections: Section[];
}

export const ENTRY_FILE = '__grade__.test.ts';
/** Next to each entry: the full name of the test running now (written by the course kit; see supervisor.ts). */
export const RUNNING_FILE = '__running__.txt';

export interface WorkspaceItem {
  exercise: Exercise;
  /** Folder holding the changeable files (meta.files) to grade. */
  sourceDir: string;
  /** Plain-text hidden test file to include (from the course or freshly unsealed); none: visible only. */
  hiddenTest?: string;
  /**
   * Test ids (as results name them, without the file's section) to run; every other test fails at once with
   * NOT_RERUN. Mutation testing re-grades a killed mutant with only the test that killed it.
   */
  onlyTests?: readonly string[];
}

/** The message of a test left out by `onlyTests`. */
export const NOT_RERUN = 'not run: only the tests asked for were re-run';

export interface Workspace {
  root: string;
  /** Name of the canary test in every entry file (see entrySource). */
  canary: string;
  canaryToken: string;
  tests: TestFilePlan[];
  /**
   * Writes an exercise's entry again, with tests that blocked their worker in an earlier run (full names as the
   * reporter gives them): they fail at once with the kit's report, so the others can run.
   */
  markStuck(exercise: string, stuck: readonly string[]): void;
  dispose(): void;
}

/** Course files that never go into a workspace: statements, metadata and hidden tests in any form. */
function isCourseOnly(name: string): boolean {
  return name === 'meta.json' || name === HIDDEN_TEST_FILE || name === SEALED_FILE || name === 'equivalent-mutants.json' || /^README(\.[a-z]+)?\.md$/.test(name);
}

function copyTree(from: string, to: string, skip: (relative: string) => boolean, relative = ''): void {
  for (const name of readdirSync(join(from, relative))) {
    const rel = relative === '' ? name : `${relative}/${name}`;
    if (skip(rel)) continue;
    const source = join(from, rel);
    if (statSync(source).isDirectory()) {
      mkdirSync(join(to, rel), { recursive: true });
      copyTree(from, to, skip, rel);
    } else {
      mkdirSync(dirname(join(to, rel)), { recursive: true });
      copyFileSync(source, join(to, rel));
    }
  }
}

/** The assertion lock-down (a setup file of every run, see lockdown.ts). */
export const LOCKDOWN_FILE = join(RUN_DIR, 'lockdown.ts');

/**
 * One deliberately failing assertion per matcher family the course uses: each must still throw at the end
 * of the file. A family that passes means the assertion library was changed during the run.
 */
const CANARY_FAMILIES: [string, string][] = [
  ['toBe', "e('a').toBe('b')"],
  ['toEqual', 'e({ v: [1, { w: 2 }] }).toEqual({ v: [1, { w: 3 }] })'],
  ['toStrictEqual', 'e([1, undefined]).toStrictEqual([1])'],
  ['not', 'e(1).not.toBe(1)'],
  ['toBeCloseTo', 'e(1).toBeCloseTo(1.5, 2)'],
  ['toBeInstanceOf', 'e({}).toBeInstanceOf(Map)'],
  ['toThrow', 'e(() => 1).toThrow()'],
  ['toHaveLength', 'e([1]).toHaveLength(2)'],
  ['toMatch', "e('abc').toMatch(/z/)"],
  ['toContain', 'e([1, 2]).toContain(3)'],
  ['toBeGreaterThan', 'e(1).toBeGreaterThan(2)'],
  ['toBeGreaterThanOrEqual', 'e(1).toBeGreaterThanOrEqual(2)'],
  ['toBeLessThanOrEqual', 'e(2).toBeLessThanOrEqual(1)'],
  ['toMatchObject', 'e({ a: 1 }).toMatchObject({ a: 2 })'],
  ['toBeTruthy', 'e(0).toBeTruthy()'],
  ['Map equality', 'e(new Map([[1, 2]])).toEqual(new Map([[1, 3]]))'],
  ['Set equality', 'e(new Set([1])).toEqual(new Set([2]))'],
];

/**
 * The entry file. Its canary test, last in the file, must fail with the token in its message: it does only
 * when every matcher family still fails on wrong values and the lock-down saw no attempt on the assertion
 * machinery. If it passes, or fails differently, the file's results cannot be trusted.
 */
function entrySource(sections: Section[], canary: string, token: string, exercise: Exercise, runningFile: string, stuck: readonly string[] = [], stopAtFirstFailure = false, only?: readonly string[]): string {
  const families = CANARY_FAMILIES.map(([name, check]) => `  [${JSON.stringify(name)}, () => ${check}],`);
  const isolation = { deadline: exercise.meta.testDeadline, causes: exercise.meta.hangCauses, stuck, runningFile };
  return [
    "import { describe as __graderDescribe, test as __graderTest, expect as __graderExpect, beforeEach as __graderBeforeEach } from 'vitest';",
    `import { integrityProblems as __graderIntegrity } from ${JSON.stringify(LOCKDOWN_FILE)};`,
    "import { lastSimulation as __graderLastSimulation, clearLastSimulation as __graderClearSimulation } from '#runtime/testing';",
    "import { buildTimeline as __graderBuildTimeline } from '../../grader/timeline/build.ts';",
    // Before the test files load: every test gets a fresh program and the exercise's deadline (see the kit).
    `import { isolateTests as __graderIsolate } from '../${KIT_DIR}/isolation.ts';`,
    `__graderIsolate(${JSON.stringify(isolation)});`,
    // A failing test carries the timeline of its last simulation (who ran when), drawn under it in the report.
    '__graderBeforeEach((context) => {',
    '  __graderClearSimulation();',
    '  context.onTestFailed(() => {',
    '    const run = __graderLastSimulation();',
    '    if (run !== undefined) context.task.meta.courseTimeline = __graderBuildTimeline(run.trace, run.elapsed);',
    '  });',
    '});',
    // Mutation testing only needs a verdict and the first failure: after it, the other tests fail at once
    // instead of running (a hung mutant would otherwise wait out every later test's deadline too).
    // (Not with `only`: a left-out test's failure would stop the asked one.)
    ...(stopAtFirstFailure && only === undefined ? [
      'let __graderFailedBefore = false;',
      '__graderBeforeEach((context) => {',
      `  if (__graderFailedBefore && context.task.name !== ${JSON.stringify(canary)}) throw new Error('not run: an earlier test failed (stop at the first failure)');`,
      '  context.onTestFailed(() => { __graderFailedBefore = true; });',
      '});',
    ] : []),
    // Only the asked tests run (full names as the reporter gives them: the section's describe, then the id).
    ...(only !== undefined ? [
      `const __graderOnly = new Set(${JSON.stringify(sections.flatMap((section) => only.map((id) => `${section.prefix} > ${id}`)))});`,
      '__graderBeforeEach((context) => {',
      `  if (context.task.name === ${JSON.stringify(canary)}) return;`,
      '  let name = context.task.name;',
      '  for (let suite = context.task.suite; suite !== undefined && suite.filepath === undefined; suite = suite.suite) name = `${suite.name} > ${name}`;',
      `  if (!__graderOnly.has(name)) throw new Error(${JSON.stringify(NOT_RERUN)});`,
      '});',
    ] : []),
    ...sections.map((section) => `__graderDescribe(${JSON.stringify(section.prefix)}, async () => {\n  await import(${JSON.stringify(`./${section.name}`)});\n});`),
    `__graderTest(${JSON.stringify(canary)}, async () => {`,
    '  const e = __graderExpect;',
    '  const families: [string, () => unknown][] = [',
    ...families,
    "    ['resolves', () => e(Promise.resolve(1)).resolves.toBe(2)],",
    "    ['rejects', () => e(Promise.reject(new Error('x'))).rejects.toThrow('y')],",
    '  ];',
    '  for (const [, check] of families) {',
    '    let failed = false;',
    '    try { await check(); } catch { failed = true; }',
    '    if (!failed) return;',
    '  }',
    '  if (__graderIntegrity().length > 0) return;',
    `  e(${JSON.stringify(`${token}-a`)}).toBe(${JSON.stringify(`${token}-b`)});`,
    '});',
    '',
  ].join('\n');
}

/** The course's test kit: the graded course's own (next to its exercises), else the tool's (a course without one). */
export function kitSource(items: WorkspaceItem[], toolRoot: string): string {
  for (const item of items) {
    const own = join(dirname(item.exercise.dir), KIT_DIR);
    if (existsSync(own)) return own;
  }
  return join(toolRoot, 'exercises', KIT_DIR);
}

/** The kit's vitest setup file inside a workspace (it names each failing test's mistake: see exercises/_kit). */
export function kitSetupFile(workspaceRoot: string): string {
  return join(workspaceRoot, 'exercises', KIT_DIR, 'setup.ts');
}

export interface WorkspaceOptions {
  /** After a test fails, every later test of that exercise fails at once without running (mutation testing). */
  stopAtFirstFailure?: boolean;
}

export function buildWorkspace(items: WorkspaceItem[], toolRoot: string = TOOL_ROOT, options: WorkspaceOptions = {}): Workspace {
  const stop = options.stopAtFirstFailure === true;
  const root = mkdtempSync(join(tmpdir(), 'course-grade-'));
  const token = randomBytes(12).toString('hex');
  const canary = `grader integrity check ${token.slice(0, 8)}`;
  try {
    for (const name of ['runtime', 'node_modules']) {
      if (existsSync(join(toolRoot, name))) symlinkSync(join(toolRoot, name), join(root, name), 'dir');
    }
    copyFileSync(join(toolRoot, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'grader'));
    copyFileSync(join(toolRoot, 'grader', 'testkit.ts'), join(root, 'grader', 'testkit.ts'));
    const kit = kitSource(items, toolRoot);
    mkdirSync(join(root, 'exercises', KIT_DIR), { recursive: true });
    copyTree(kit, join(root, 'exercises', KIT_DIR), (rel) => rel.endsWith('.test.ts'));
    mkdirSync(join(root, 'grader', 'timeline'));
    for (const file of ['build.ts', 'model.ts']) copyFileSync(join(toolRoot, 'grader', 'timeline', file), join(root, 'grader', 'timeline', file));

    const tests: TestFilePlan[] = [];
    const entries = new Map<string, (stuck: readonly string[]) => void>();
    for (const item of items) {
      const { exercise } = item;
      const target = join(root, 'exercises', exercise.key);
      mkdirSync(target, { recursive: true });
      const changeable = new Set(exercise.meta.files);
      const testFiles = new Set(exercise.visibleTests);
      copyTree(exercise.dir, target, (rel) => isCourseOnly(rel) || changeable.has(rel) || testFiles.has(rel));
      for (const file of exercise.meta.files) {
        const source = join(item.sourceDir, file);
        if (existsSync(source) && statSync(source).isFile()) {
          mkdirSync(dirname(join(target, file)), { recursive: true });
          copyFileSync(source, join(target, file));
        }
      }
      const sections: Section[] = [];
      for (const file of exercise.visibleTests) {
        copyFileSync(join(exercise.dir, file), join(target, file));
        sections.push({ visibility: 'visible', name: file, prefix: `⟦visible ${file}⟧` });
      }
      if (item.hiddenTest !== undefined) {
        copyFileSync(item.hiddenTest, join(target, HIDDEN_TEST_FILE));
        sections.push({ visibility: 'hidden', name: HIDDEN_TEST_FILE, prefix: '⟦hidden⟧' });
      }
      if (sections.length > 0) {
        const running = join(target, RUNNING_FILE);
        writeFileSync(join(target, ENTRY_FILE), entrySource(sections, canary, token, exercise, running, [], stop, item.onlyTests));
        tests.push({ exercise: exercise.key, path: join(target, ENTRY_FILE), sections });
        entries.set(exercise.key, (stuck) => writeFileSync(join(target, ENTRY_FILE), entrySource(sections, canary, token, exercise, running, stuck, stop, item.onlyTests)));
      }
    }
    return {
      root, canary, canaryToken: token, tests,
      markStuck: (exercise, stuck) => entries.get(exercise)?.(stuck),
      dispose: () => rmSync(root, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

export interface VitestSettings {
  files: string[];
  testTimeoutMs: number;
  workers: number;
  heapMb: number;
  /** Reuse transformed course modules across runs (see vitest-main.mjs); only for the student loop. */
  moduleCache: boolean;
}

/** What vitest-main.mjs receives: vitest's inline options, Vite overrides, the module cache scope. */
export interface VitestLaunch {
  test: Record<string, unknown>;
  vite: Record<string, unknown>;
  moduleCache?: { dir: string; only: string; never: string };
}

/** Where the student loop keeps transformed runtime and grader modules between runs. */
export const MODULE_CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'course-grader-modules');

/** The module cache is a convenience: a read-only node_modules just means running without it. */
function moduleCacheUsable(): boolean {
  try {
    mkdirSync(MODULE_CACHE_DIR, { recursive: true });
    accessSync(MODULE_CACHE_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A path prefix as Vite writes module ids (forward slashes, also on Windows). */
function idPrefix(dir: string): string {
  return `${dir.split(sep).join('/')}/`;
}

/**
 * The options of one vitest run over the workspace. Vite's root is the grader's own repository, which is
 * the same on every run (the module cache is keyed on it); the test files are found in `dir`, the workspace.
 */
export function vitestLaunch(workspace: Workspace, settings: VitestSettings, toolRoot: string = TOOL_ROOT): VitestLaunch {
  return {
    test: {
      root: toolRoot,
      dir: workspace.root,
      include: settings.files.map((file) => file.slice(workspace.root.length + 1)),
      pool: 'forks',
      isolate: true,
      maxWorkers: settings.workers,
      fileParallelism: settings.workers > 1,
      testTimeout: settings.testTimeoutMs,
      hookTimeout: settings.testTimeoutMs,
      teardownTimeout: 2000,
      allowOnly: false,
      passWithNoTests: true,
      globals: false,
      watch: false,
      reporters: [join(RUN_DIR, 'reporter.ts')],
      // The assertion lock-down first (before anything else can touch expect), then the course kit's
      // diagnosis layer: each failing test's mistake named in the student's terms.
      setupFiles: [LOCKDOWN_FILE, ...(existsSync(kitSetupFile(workspace.root)) ? [kitSetupFile(workspace.root)] : [])],
      execArgv: [`--max-old-space-size=${settings.heapMb}`],
      env: { FORCE_COLOR: '0' },
    },
    vite: {
      cacheDir: join(workspace.root, '.vite-cache'),
      server: { fs: { strict: false } },
    },
    ...(settings.moduleCache && moduleCacheUsable()
      ? { moduleCache: { dir: MODULE_CACHE_DIR, only: idPrefix(toolRoot), never: idPrefix(workspace.root) } } : {}),
  };
}
